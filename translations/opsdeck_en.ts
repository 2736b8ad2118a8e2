<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AnsibleInventory</name>
    <message numerus="yes">
        <source>cannot decrypt this Ansible Vault content (vault id %1): none of the %n vault password(s) given opens it</source>
        <translation>
            <numerusform>cannot decrypt this Ansible Vault content (vault id %1): none of the %n vault password given opens it</numerusform>
            <numerusform>cannot decrypt this Ansible Vault content (vault id %1): none of the %n vault passwords given opens it</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeleteHostsCommand</name>
    <message numerus="yes">
        <source>Delete %n host(s)</source>
        <translation>
            <numerusform>Delete %n host</numerusform>
            <numerusform>Delete %n hosts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FactsPage</name>
    <message numerus="yes">
        <source>%1 (%n host(s))</source>
        <translation>
            <numerusform>%1 (%n host)</numerusform>
            <numerusform>%1 (%n hosts)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) on the newest version</source>
        <translation>
            <numerusform>%n host on the newest version</numerusform>
            <numerusform>%n hosts on the newest version</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) installed</source>
        <translation>
            <numerusform>%n version installed</numerusform>
            <numerusform>%n versions installed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n version</numerusform>
            <numerusform>%n versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: active on %2, failed on %3, inactive on %4 of %n host(s). The state is as of each host&apos;s gathering.</source>
        <translation>
            <numerusform>%1: active on %2, failed on %3, inactive on %4 of %n host. The state is as of each host&apos;s gathering.</numerusform>
            <numerusform>%1: active on %2, failed on %3, inactive on %4 of %n hosts. The state is as of each host&apos;s gathering.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Software and services of %1: facts of %n host(s), gathered %2.</source>
        <translation>
            <numerusform>Software and services of %1: facts of %n host, gathered %2.</numerusform>
            <numerusform>Software and services of %1: facts of %n hosts, gathered %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stop %1 on %n host(s)? %2</source>
        <translation>
            <numerusform>Stop %1 on %n host? %2</numerusform>
            <numerusform>Stop %1 on %n hosts? %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restart %1 on %n host(s)? %2</source>
        <translation>
            <numerusform>Restart %1 on %n host? %2</numerusform>
            <numerusform>Restart %1 on %n hosts? %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Facts gathered of %n host(s).</source>
        <translation>
            <numerusform>Facts gathered of %n host.</numerusform>
            <numerusform>Facts gathered of %n hosts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Facts gathered of %1 of %n host(s); %2 failed: %3</source>
        <translation>
            <numerusform>Facts gathered of %1 of %n host; %2 failed: %3</numerusform>
            <numerusform>Facts gathered of %1 of %n hosts; %2 failed: %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailurePolicy</name>
    <message numerus="yes">
        <source>stop when %n host(s) have failed</source>
        <translation>
            <numerusform>stop when %n host has failed</numerusform>
            <numerusform>stop when %n hosts have failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupPropertiesDialog</name>
    <message numerus="yes">
        <source>group_vars/%1 also sets %n variable(s); they apply after these.</source>
        <translation>
            <numerusform>group_vars/%1 also sets %n variable; they apply after these.</numerusform>
            <numerusform>group_vars/%1 also sets %n variables; they apply after these.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HostDetailsPanel</name>
    <message numerus="yes">
        <source>%n host(s) selected.</source>
        <translation>
            <numerusform>%n host selected.</numerusform>
            <numerusform>%n hosts selected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n group</numerusform>
            <numerusform>%n groups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changed: %n group(s) or host(s).</source>
        <translation>
            <numerusform>Changed: %n group or host.</numerusform>
            <numerusform>Changed: %n groups or hosts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group %1 is dynamic here (rule: %2): the %n host(s) the file lists for it do not become members.</source>
        <translation>
            <numerusform>Group %1 is dynamic here (rule: %2): the %n host the file lists for it do not become members.</numerusform>
            <numerusform>Group %1 is dynamic here (rule: %2): the %n hosts the file lists for it do not become members.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variable(s) added</source>
        <translation>
            <numerusform>%n variable added</numerusform>
            <numerusform>%n variables added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variable(s) changed</source>
        <translation>
            <numerusform>%n variable changed</numerusform>
            <numerusform>%n variables changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variable(s) removed</source>
        <translation>
            <numerusform>%n variable removed</numerusform>
            <numerusform>%n variables removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) added</source>
        <translation>
            <numerusform>%n member added</numerusform>
            <numerusform>%n members added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) removed</source>
        <translation>
            <numerusform>%n member removed</numerusform>
            <numerusform>%n members removed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InventoryCommand</name>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message numerus="yes">
        <source>Delete %n host(s) from the inventory?</source>
        <translation>
            <numerusform>Delete %n host from the inventory?</numerusform>
            <numerusform>Delete %n hosts from the inventory?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n group</numerusform>
            <numerusform>%n groups</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobHostModel</name>
    <message numerus="yes">
        <source>Connecting (queued; retried %n time(s))</source>
        <translation>
            <numerusform>Connecting (queued; retried %n time)</numerusform>
            <numerusform>Connecting (queued; retried %n times)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connecting (retried %n time(s))</source>
        <translation>
            <numerusform>Connecting (retried %n time)</numerusform>
            <numerusform>Connecting (retried %n times)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobText</name>
    <message numerus="yes">
        <source>stopped: %n host(s) failed (the limit is %1)</source>
        <translation>
            <numerusform>stopped: %n host failed (the limit is %1)</numerusform>
            <numerusform>stopped: %n hosts failed (the limit is %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stopped: %1 of the %n host(s) of the batch failed (the limit is %2%)</source>
        <translation>
            <numerusform>stopped: %1 of the %n host of the batch failed (the limit is %2%)</numerusform>
            <numerusform>stopped: %1 of the %n hosts of the batch failed (the limit is %2%)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stopped: %1 of the %n host(s) of the job failed (the limit is %2%)</source>
        <translation>
            <numerusform>stopped: %1 of the %n host of the job failed (the limit is %2%)</numerusform>
            <numerusform>stopped: %1 of the %n hosts of the job failed (the limit is %2%)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>written (%n byte(s))</source>
        <translation>
            <numerusform>written (%n byte)</numerusform>
            <numerusform>written (%n bytes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobView</name>
    <message numerus="yes">
        <source>%1 of %n host(s) done</source>
        <translation>
            <numerusform>%1 of %n host done</numerusform>
            <numerusform>%1 of %n hosts done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n not started</source>
        <translation>
            <numerusform>%1, %n not started</numerusform>
            <numerusform>%1, %n not started</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch %1 of %2 (%n host(s)) is waiting for confirmation.</source>
        <translation>
            <numerusform>Batch %1 of %2 (%n host) is waiting for confirmation.</numerusform>
            <numerusform>Batch %1 of %2 (%n hosts) is waiting for confirmation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting %1 s before batch %2 of %3 (%n host(s)).</source>
        <translation>
            <numerusform>Waiting %1 s before batch %2 of %3 (%n host).</numerusform>
            <numerusform>Waiting %1 s before batch %2 of %3 (%n hosts).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobsPage</name>
    <message numerus="yes">
        <source>The script of &quot;%1&quot; contains commands that can destroy a host:
%2

It was acknowledged when the job started; running it again needs your acknowledgement again. Run it again on %n host(s)?</source>
        <translation>
            <numerusform>The script of &quot;%1&quot; contains commands that can destroy a host:
%2

It was acknowledged when the job started; running it again needs your acknowledgement again. Run it again on %n host?</numerusform>
            <numerusform>The script of &quot;%1&quot; contains commands that can destroy a host:
%2

It was acknowledged when the job started; running it again needs your acknowledgement again. Run it again on %n hosts?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel &quot;%1&quot;? The %n host(s) still running or waiting are stopped or not started.</source>
        <translation>
            <numerusform>Cancel &quot;%1&quot;? The %n host still running or waiting are stopped or not started.</numerusform>
            <numerusform>Cancel &quot;%1&quot;? The %n hosts still running or waiting are stopped or not started.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Run step %1 of &quot;%2&quot; again on %n host(s)?</source>
        <translation>
            <numerusform>Run step %1 of &quot;%2&quot; again on %n host?</numerusform>
            <numerusform>Run step %1 of &quot;%2&quot; again on %n hosts?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Run &quot;%1&quot; again on %n host(s)?</source>
        <translation>
            <numerusform>Run &quot;%1&quot; again on %n host?</numerusform>
            <numerusform>Run &quot;%1&quot; again on %n hosts?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LayerText</name>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n d ago</numerusform>
            <numerusform>%n d ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message numerus="yes">
        <source>Recovered %n draft(s): save them to keep them as versions</source>
        <translation>
            <numerusform>Recovered %n draft: save it to keep it as a version</numerusform>
            <numerusform>Recovered %n drafts: save them to keep them as versions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n job(s) were interrupted when OpsDeck last stopped; their output is kept in the Jobs page.</source>
        <translation>
            <numerusform>%n job was interrupted when OpsDeck last stopped; its output is kept in the Jobs page.</numerusform>
            <numerusform>%n jobs were interrupted when OpsDeck last stopped; their output is kept in the Jobs page.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) run in this window. Closing stops them: hosts in flight end as interrupted, the rest never start. Their output so far is kept.</source>
        <translation>
            <numerusform>%n job runs in this window. Closing stops it: hosts in flight end as interrupted, the rest never start. Its output so far is kept.</numerusform>
            <numerusform>%n jobs run in this window. Closing stops them: hosts in flight end as interrupted, the rest never start. Their output so far is kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) changed both here and on the server since they were last read: nothing was reloaded. Publish to Server… shows them side by side.</source>
        <translation>
            <numerusform>%n item changed both here and on the server since they were last read: nothing was reloaded. Publish to Server… shows them side by side.</numerusform>
            <numerusform>%n items changed both here and on the server since they were last read: nothing was reloaded. Publish to Server… shows them side by side.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the server&apos;s inventory (%n host(s)) and libraries (%1 scripts, %2 templates).</source>
        <translation>
            <numerusform>Showing the server&apos;s inventory (%n host) and libraries (%1 scripts, %2 templates).</numerusform>
            <numerusform>Showing the server&apos;s inventory (%n hosts) and libraries (%1 scripts, %2 templates).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n workflow(s) run in this window. Closing stops them: they show as interrupted after the next start, with everything they did.</source>
        <translation>
            <numerusform>%n workflow run in this window. Closing stops them: they show as interrupted after the next start, with everything they did.</numerusform>
            <numerusform>%n workflows run in this window. Closing stops them: they show as interrupted after the next start, with everything they did.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected host(s)</source>
        <translation>
            <numerusform>%n selected host</numerusform>
            <numerusform>%n selected hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the %n host(s) the inventory shows</source>
        <translation>
            <numerusform>the %n host the inventory shows</numerusform>
            <numerusform>the %n hosts the inventory shows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message numerus="yes">
        <source>%n to publish</source>
        <translation>
            <numerusform>%n to publish</numerusform>
            <numerusform>%n to publish</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n in conflict</numerusform>
            <numerusform>%n in conflict</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Published %n item(s).</source>
        <translation>
            <numerusform>Published %n item.</numerusform>
            <numerusform>Published %n items.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RollingPlan</name>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es): %1</source>
        <translation>
            <numerusform>%n batch: %1</numerusform>
            <numerusform>%n batches: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wait %n second(s) between batches</source>
        <translation>
            <numerusform>wait %n second between batches</numerusform>
            <numerusform>wait %n seconds between batches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RuleEdit</name>
    <message numerus="yes">
        <source>%n host(s) match</source>
        <translation>
            <numerusform>%n host matches</numerusform>
            <numerusform>%n hosts match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) could not be evaluated and do not match, e.g. %1</source>
        <translation>
            <numerusform>%n host could not be evaluated and does not match, e.g. %1</numerusform>
            <numerusform>%n hosts could not be evaluated and do not match, e.g. %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunDialog</name>
    <message numerus="yes">
        <source>%n selected host(s)</source>
        <translation>
            <numerusform>%n selected host</numerusform>
            <numerusform>%n selected hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>I have read the %n blocking finding(s) above and want to run this script anyway</source>
        <translation>
            <numerusform>I have read the blocking finding above and want to run this script anyway</numerusform>
            <numerusform>I have read the %n blocking findings above and want to run this script anyway</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) in the inventory</source>
        <translation>
            <numerusform>%n host in the inventory</numerusform>
            <numerusform>%n hosts in the inventory</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) match</source>
        <translation>
            <numerusform>%n host matches</numerusform>
            <numerusform>%n hosts match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch %1 — %n host(s)</source>
        <translation>
            <numerusform>Batch %1 — %n host</numerusform>
            <numerusform>Batch %1 — %n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Variables of this job: %n</source>
        <translation>
            <numerusform>Variables of this job: %n</numerusform>
            <numerusform>Variables of this job: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScriptsPage</name>
    <message numerus="yes">
        <source>Showing %1 of %n script(s)</source>
        <translation>
            <numerusform>Showing %1 of %n script</numerusform>
            <numerusform>Showing %1 of %n scripts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new script(s)</source>
        <translation>
            <numerusform>Imported %n new script</numerusform>
            <numerusform>Imported %n new scripts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n new version(s) of existing scripts</source>
        <translation>
            <numerusform>, %n new version of existing scripts</numerusform>
            <numerusform>, %n new versions of existing scripts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Renamed the tag “%1” to “%2” on %n script(s)</source>
        <translation>
            <numerusform>Renamed the tag “%1” to “%2” on %n script</numerusform>
            <numerusform>Renamed the tag “%1” to “%2” on %n scripts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed the tag “%1” from %n script(s)</source>
        <translation>
            <numerusform>Removed the tag “%1” from %n script</numerusform>
            <numerusform>Removed the tag “%1” from %n scripts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message numerus="yes">
        <source>the keychain did not answer within %n second(s)</source>
        <translation>
            <numerusform>the keychain did not answer within %n second</numerusform>
            <numerusform>the keychain did not answer within %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplateEditorTab</name>
    <message numerus="yes">
        <source>Undefined variables for %1: %n</source>
        <translation>
            <numerusform>Undefined variables for %1: %n</numerusform>
            <numerusform>Undefined variables for %1: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message numerus="yes">
        <source>Showing %1 of %n template(s)</source>
        <translation>
            <numerusform>Showing %1 of %n template</numerusform>
            <numerusform>Showing %1 of %n templates</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message numerus="yes">
        <source>%1: %n host(s)</source>
        <translation>
            <numerusform>%1: %n host</numerusform>
            <numerusform>%1: %n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VersionHistoryDialog</name>
    <message numerus="yes">
        <source>Version %1 against version %2: %n change(s)</source>
        <translation>
            <numerusform>Version %1 against version %2: %n change</numerusform>
            <numerusform>Version %1 against version %2: %n changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowEditor</name>
    <message numerus="yes">
        <source>Move %n step(s)</source>
        <translation>
            <numerusform>Move %n step</numerusform>
            <numerusform>Move %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n edge(s)</source>
        <translation>
            <numerusform>Delete %n edge</numerusform>
            <numerusform>Delete %n edges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s)</source>
        <translation>
            <numerusform>Delete %n step</numerusform>
            <numerusform>Delete %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n step(s)</source>
        <translation>
            <numerusform>Paste %n step</numerusform>
            <numerusform>Paste %n steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowProperties</name>
    <message numerus="yes">
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n host</numerusform>
            <numerusform>%n hosts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowRunDialog</name>
    <message numerus="yes">
        <source>%n host(s); the workflow would end %1.</source>
        <translation>
            <numerusform>%n host; the workflow would end %1.</numerusform>
            <numerusform>%n hosts; the workflow would end %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowText</name>
    <message numerus="yes">
        <source>times out after %n s</source>
        <translation>
            <numerusform>times out after %n s</numerusform>
            <numerusform>times out after %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowsPage</name>
    <message numerus="yes">
        <source>%1
%n step(s) · version %2</source>
        <translation>
            <numerusform>%1
%n step · version %2</numerusform>
            <numerusform>%1
%n steps · version %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved as version %1, with %n problem(s) to fix before it can run.</source>
        <translation>
            <numerusform>Saved as version %1, with %n problem to fix before it can run.</numerusform>
            <numerusform>Saved as version %1, with %n problems to fix before it can run.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>it has %n problem(s), the first: %1</source>
        <translation>
            <numerusform>it has %n problem, the first: %1</numerusform>
            <numerusform>it has %n problems, the first: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>running on %n host(s)</source>
        <translation>
            <numerusform>running on %n host</numerusform>
            <numerusform>running on %n hosts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) ok</source>
        <translation>
            <numerusform>%n host ok</numerusform>
            <numerusform>%n hosts ok</numerusform>
        </translation>
    </message>
</context>
</TS>
