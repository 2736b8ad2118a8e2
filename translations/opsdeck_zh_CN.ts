<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnsibleInventory</name>
    <message>
        <location filename="../models/inventory/ansible/AnsibleInventory.cpp" line="+28"/>
        <source>cannot write file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no such file or directory</source>
        <translation>文件或目录不存在</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>the directory is not empty; choose an empty or new directory</source>
        <translation>目录不为空；请选择一个空目录或新目录</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+17"/>
        <source>cannot create the directory</source>
        <translation>无法创建目录</translation>
    </message>
    <message>
        <location filename="../models/inventory/ansible/HostPattern.cpp" line="+97"/>
        <source>host pattern &apos;%1&apos; has a &apos;[&apos; without a matching &apos;]&apos; (or a &apos;|&apos;)</source>
        <translation>主机模式“%1”中的“[”缺少匹配的“]”（或“|”）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>host range must be begin:end or begin:end:step, got [%1]</source>
        <translation>主机范围必须是 begin:end 或 begin:end:step 形式，实际为 [%1]</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>host range must specify end value, got [%1]</source>
        <translation>主机范围必须指定结束值，实际为 [%1]</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>host range must specify equal-length begin and end formats, got [%1]</source>
        <translation>主机范围的起始值和结束值格式必须等长，实际为 [%1]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>host range must have begin &lt;= end, got [%1]</source>
        <translation>主机范围必须满足 begin &lt;= end，实际为 [%1]</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>host range [%1] is neither numeric nor a letter range</source>
        <translation>主机范围 [%1] 既不是数字范围也不是字母范围</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>host range step must not be zero, got [%1]</source>
        <translation>主机范围的步长不能为零，实际为 [%1]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>host range [%1] expands to too many hosts</source>
        <translation>主机范围 [%1] 展开后的主机数量过多</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>host pattern &apos;%1&apos; expands to too many hosts</source>
        <translation>主机模式“%1”展开后的主机数量过多</translation>
    </message>
    <message>
        <location filename="../models/inventory/ansible/IniInventoryReader.cpp" line="+50"/>
        <location line="+47"/>
        <source>this line is not valid UTF-8</source>
        <translation>该行不是有效的 UTF-8</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>the file is not valid UTF-8</source>
        <translation>该文件不是有效的 UTF-8</translation>
    </message>
    <message>
        <location line="+76"/>
        <location filename="../models/inventory/ansible/InventorySources.cpp" line="+123"/>
        <location line="+27"/>
        <source>import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>section [%1:%2] has unknown type: %2 (expected hosts, children or vars)</source>
        <translation>节 [%1:%2] 的类型未知：%2（应为 hosts、children 或 vars）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>invalid section entry: &apos;%1&apos;. Expected [group], [group:vars] or [group:children] with no spaces or other invalid characters</source>
        <translation>无效的节标题：“%1”。应为 [group]、[group:vars] 或 [group:children]，且不含空格或其他非法字符</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>expected key=value, got: %1</source>
        <translation>应为 key=value，实际为：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>expected group name, got: %1</source>
        <translation>应为分组名，实际为：%1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>section [%1:vars] is not valid for undefined group %1 (expected a [%1] or [%1:children] section too)</source>
        <translation>节 [%1:vars] 对应的分组 %1 未定义（还需要一个 [%1] 或 [%1:children] 节）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>section [%1:children] includes undefined group %2 (expected a [%2] or [%2:children] section)</source>
        <translation>节 [%1:children] 包含未定义的分组 %2（需要一个 [%2] 或 [%2:children] 节）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is not a known group</source>
        <translation>%1 不是已知的分组</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>unhashable type used as a dictionary key in value: %1</source>
        <translation>值中使用了不可哈希的类型作为字典键：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>error parsing host definition &apos;%1&apos;: %2</source>
        <translation>解析主机定义“%1”出错：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected a host name, got: %1</source>
        <translation>应为主机名，实际为：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>invalid host pattern &apos;%1&apos;: ending in &apos;:&apos; is not allowed, this character is reserved to provide a port</source>
        <translation>无效的主机模式“%1”：不能以“:”结尾，该字符用于指定端口</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>invalid host pattern &apos;%1&apos;: &apos;---&apos; is normally a sign this is a YAML file</source>
        <translation>无效的主机模式“%1”：“---”通常说明这是一个 YAML 文件</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>expected key=value host variable assignment, got: %1</source>
        <translation>应为 key=value 形式的主机变量赋值，实际为：%1</translation>
    </message>
    <message>
        <location filename="../models/inventory/ansible/InventoryBuilder.cpp" line="+48"/>
        <source>invalid empty host name</source>
        <translation>主机名不能为空</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>can&apos;t add group &apos;%1&apos; to itself</source>
        <translation>不能将分组“%1”添加为它自己的子分组</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>adding group &apos;%1&apos; as child to &apos;%2&apos; creates a recursive dependency loop</source>
        <translation>将分组“%1”添加为“%2”的子分组会造成循环依赖</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 is not a known host nor group</source>
        <translation>%1 既不是已知的主机，也不是已知的分组</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>ansible_group_priority of group &apos;%1&apos; must be an integer, got %2</source>
        <translation>分组“%1”的 ansible_group_priority 必须是整数，实际为 %2</translation>
    </message>
    <message>
        <location filename="../models/inventory/ansible/InventorySources.cpp" line="-18"/>
        <source>cannot read inventory file: %1</source>
        <translation>无法读取主机清单文件：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>inventory file</source>
        <translation>清单文件</translation>
    </message>
    <message>
        <location filename="../models/inventory/ansible/VarsDirectory.cpp" line="+94"/>
        <source>cannot read variables file: %1</source>
        <translation>无法读取变量文件：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>variables file</source>
        <translation>变量文件</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../models/inventory/ansible/YamlInventoryReader.cpp" line="+209"/>
        <source>malformed YAML: %1</source>
        <translation>YAML 格式错误：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>a variables file must hold a mapping of variable names to values</source>
        <translation>变量文件必须是变量名到值的映射</translation>
    </message>
    <message>
        <location filename="../models/inventory/ansible/YamlInventoryReader.cpp" line="-144"/>
        <source>invalid group name %1: expected a string</source>
        <translation>无效的分组名 %1：应为字符串</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>invalid empty group name</source>
        <translation>分组名不能为空</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>invalid &quot;%1&quot; entry for &quot;%2&quot; group: expected a mapping, found a %3</source>
        <translation>分组“%2”的“%1”项无效：应为映射，实际为 %3</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>host pattern %1 must be a string; enclose integers and floats in quotation marks</source>
        <translation>主机模式 %1 必须是字符串；整数和浮点数请用引号括起来</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>invalid variables for host %1: expected a mapping, got a list</source>
        <translation>主机 %1 的变量无效：应为映射，实际为列表</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>invalid variables for host %1: expected a mapping, got: %2</source>
        <translation>主机 %1 的变量无效：应为映射，实际为：%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>not a YAML mapping</source>
        <translation>不是 YAML 映射</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a YAML inventory must be a mapping of groups</source>
        <translation>YAML 主机清单必须是分组的映射</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>this is an inventory plugin configuration, not an inventory: dynamic inventory plugins are not supported</source>
        <translation>这是清单插件配置，而不是主机清单：不支持动态清单插件</translation>
    </message>
    <message>
        <location filename="../models/inventory/ansible/YamlValueReader.cpp" line="+63"/>
        <source>YAML nested too deeply</source>
        <translation>YAML 嵌套层级过深</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a !vault value must hold Ansible Vault text ($ANSIBLE_VAULT;1.1;AES256 and hex lines)</source>
        <translation>!vault 值必须是 Ansible Vault 文本（$ANSIBLE_VAULT;1.1;AES256 及十六进制行）</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>a mapping key must be a scalar</source>
        <translation>映射的键必须是标量</translation>
    </message>
    <message>
        <location filename="../models/inventory/ansible/AnsibleVault.cpp" line="+33"/>
        <source>this %1 is encrypted with Ansible Vault (format %2): give its vault password with --vault-password-file FILE or --vault-id ID@FILE (as ansible-inventory takes it)</source>
        <translation>此%1已用 Ansible Vault 加密（格式 %2）：请用 --vault-password-file FILE 或 --vault-id ID@FILE 提供 Vault 密码（与 ansible-inventory 相同）</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>variable %1: %2</source>
        <translation>变量 %1：%2</translation>
    </message>
    <message>
        <location filename="../models/inventory/ansible/VaultCipher.cpp" line="+129"/>
        <source>not Ansible Vault content (no $ANSIBLE_VAULT header)</source>
        <translation>不是 Ansible Vault 内容（没有 $ANSIBLE_VAULT 头）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ansible Vault format %1 with cipher %2 is not supported (OpsDeck reads 1.1 and 1.2, AES256)</source>
        <translation>不支持 Ansible Vault 格式 %1（加密算法 %2）（OpsDeck 可读取 1.1 和 1.2，AES256）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the Ansible Vault content is damaged (its hex lines do not hold salt, HMAC and ciphertext)</source>
        <translation>Ansible Vault 内容已损坏（其十六进制行中没有盐值、HMAC 和密文）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>encrypted with Ansible Vault (vault id %1) and no vault password was given: pass --vault-password-file FILE or --vault-id ID@FILE</source>
        <translation>已用 Ansible Vault 加密（Vault ID %1），但未提供 Vault 密码：请传入 --vault-password-file FILE 或 --vault-id ID@FILE</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>the Ansible Vault content is damaged (bad padding)</source>
        <translation>Ansible Vault 内容已损坏（填充错误）</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>cannot decrypt this Ansible Vault content (vault id %1): none of the %n vault password(s) given opens it</source>
        <translation>
            <numerusform>无法解密此 Ansible Vault 内容（Vault ID %1）：提供的 %n 个 Vault 密码都无法解开</numerusform>
        </translation>
    </message>
    <message>
        <location line="+49"/>
        <source>asking for the vault password is not possible here: put it in a file (readable only by you) and pass ID@FILE</source>
        <translation>此处无法询问 Vault 密码：请将其写入文件（仅你可读）并传入 ID@FILE</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no vault password file here</source>
        <translation>此处没有 Vault 密码文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the vault password script failed or took longer than 30 s</source>
        <translation>Vault 密码脚本失败或运行超过 30 秒</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot read the vault password file: %1</source>
        <translation>无法读取 Vault 密码文件：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the vault password file is empty</source>
        <translation>Vault 密码文件为空</translation>
    </message>
</context>
<context>
    <name>BackendInfo</name>
    <message>
        <location filename="../backend-client/BackendInfo.cpp" line="+11"/>
        <location filename="../backend-client/remote/RemoteBackend.cpp" line="+110"/>
        <source>Server %1</source>
        <translation>服务器 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../backend-client/runner/DirectBackend.cpp" line="+70"/>
        <source>Direct SSH</source>
        <translation>直连 SSH</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../widgets/common/CommandPalette.cpp" line="+100"/>
        <location line="+169"/>
        <source>Type a command…</source>
        <translation>输入命令…</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Not available right now</source>
        <translation>当前不可用</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../widgets/connect/ConnectDialog.cpp" line="+104"/>
        <source>Connect to Server</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server &amp;URL:</source>
        <translation>服务器地址(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://ops.example:8750</source>
        <translation>https://ops.example:8750</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>odt_… (paste the token opsdeck-server token create printed)</source>
        <translation>odt_…（粘贴 opsdeck-server token create 输出的令牌）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The token is kept in %1, never in the settings or the workspace.</source>
        <translation>令牌保存在%1中，从不写入设置或工作区。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secrets are kept only until you quit: no keychain is available.</source>
        <translation>机密信息只保留到退出为止：没有可用的系统密钥环。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The token is never written to the settings or the workspace.</source>
        <translation>令牌从不写入设置或工作区。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Connect to an OpsDeck control server: new jobs then run there, and the Jobs page shows its history. Jobs running over direct SSH keep running here until they end.</source>
        <translation>连接到 OpsDeck 控制服务器：之后新作业在服务器上运行，“作业”页面显示服务器的作业历史。已通过直连 SSH 运行的作业继续在本机运行，直到结束。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>The server %1 presents a TLS certificate that the system does not trust:

Subject: %2
Issuer: %3
SHA-256:
%4

Compare the fingerprint with the one the server&apos;s administrator gives you (openssl x509 -noout -fingerprint -sha256 -in CERT). Trust this certificate for %1 and remember it? Answer No unless they match.</source>
        <translation>服务器 %1 提供的 TLS 证书不受系统信任：

主体：%2
颁发者：%3
SHA-256：
%4

请与服务器管理员提供的指纹核对（openssl x509 -noout -fingerprint -sha256 -in CERT）。是否信任 %1 的这个证书并记住它？除非指纹一致，否则请回答“否”。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Paste the token the server&apos;s administrator gave you.</source>
        <translation>请粘贴服务器管理员提供的令牌。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Asking %1…</source>
        <translation>正在询问 %1…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Untrusted Certificate</source>
        <translation>不受信任的证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not connected: the certificate of %1 was not trusted.</source>
        <translation>未连接：没有信任 %1 的证书。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>admin (read, run, author, tokens and audit)</source>
        <translation>管理员（读取、运行、编写、令牌和审计）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>operator (read, run and author)</source>
        <translation>操作员（读取、运行和编写）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>viewer (read only)</source>
        <translation>查看者（只读）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OpsDeck server %1 answered. This token&apos;s role: %2.</source>
        <translation>OpsDeck 服务器 %1 已应答。此令牌的角色：%2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Over http:// the token crosses the network unencrypted: use https:// beyond this machine.</source>
        <translation>使用 http:// 时令牌以明文穿过网络：本机以外请使用 https://。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Connected, but the token could not be kept: %1</source>
        <translation>已连接，但无法保存令牌：%1</translation>
    </message>
</context>
<context>
    <name>ConsoleMain</name>
    <message>
        <location filename="../app/ConsoleMain.cpp" line="+26"/>
        <source>opsdeck: %1 is open in another window; it was brought to the front
</source>
        <translation>opsdeck：%1 已在另一个窗口中打开，已将其切换到前台
</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>unknown page &apos;%1&apos; (expected one of: %2)</source>
        <translation>未知页面“%1”（可选：%2）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>opsdeck: cannot write the screenshot to %1
</source>
        <translation>opsdeck：无法将截图写入 %1
</translation>
    </message>
</context>
<context>
    <name>DangerRulesDialog</name>
    <message>
        <location filename="../widgets/scripts/DangerRulesDialog.cpp" line="+33"/>
        <source>Danger Rules</source>
        <translation>危险规则</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scripts are checked against these rules as they are written. A blocking match must be acknowledged before the script can run; a warning is shown in the editor.</source>
        <translation>编写脚本时会按这些规则实时检查。命中“阻止”级规则的脚本必须先确认才能执行；“警告”级规则只在编辑器中提示。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Languages</source>
        <translation>适用语言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pattern</source>
        <translation>匹配模式</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Block: must be acknowledged before a run</source>
        <translation>阻止：执行前必须确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warn: shown in the editor</source>
        <translation>警告：在编辑器中提示</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(none ticked: every language)</source>
        <translation>（都不勾选则适用于所有语言）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type a line of script to try the rule</source>
        <translation>输入一行脚本来测试该规则</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rule id:</source>
        <translation>规则 ID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages:</source>
        <translation>适用语言：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pattern:</source>
        <translation>匹配模式：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Explanation:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try it:</source>
        <translation>测试：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Add Rule</source>
        <translation>添加规则(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+84"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>%1 (yours)</source>
        <translation>%1（自定义）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>block</source>
        <translation>阻止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>warn</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;Reset to Default</source>
        <translation>恢复默认(&amp;R)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Rule %1 needs an id.</source>
        <translation>第 %1 条规则需要填写 ID。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Two rules have the id “%1”: ids must differ.</source>
        <translation>有两条规则的 ID 都是“%1”：ID 不能重复。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rule “%1”: %2</source>
        <translation>规则“%1”：%2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No match.</source>
        <translation>未匹配。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matches at column %1: “%2”</source>
        <translation>在第 %1 列匹配：“%2”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>my-rule-%1</source>
        <translation>my-rule-%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Explain why this is dangerous and what to do instead.</source>
        <translation>说明这条命令为什么危险，以及应该改用什么做法。</translation>
    </message>
</context>
<context>
    <name>DeleteGroupCommand</name>
    <message>
        <location filename="../widgets/inventory/InventoryCommands.cpp" line="+432"/>
        <source>Delete group %1</source>
        <translation>删除分组 %1</translation>
    </message>
</context>
<context>
    <name>DeleteHostsCommand</name>
    <message>
        <location line="-288"/>
        <source>Delete host %1</source>
        <translation>删除主机 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n host(s)</source>
        <translation>
            <numerusform>删除 %n 台主机</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <location filename="../editors/DiffView.cpp" line="+36"/>
        <source>Previous change</source>
        <translation>上一处差异</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next change</source>
        <translation>下一处差异</translation>
    </message>
    <message>
        <location line="+234"/>
        <source>No differences</source>
        <translation>没有差异</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n 处改动</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change %1 of %2</source>
        <translation>第 %1 / %2 处差异</translation>
    </message>
</context>
<context>
    <name>DirectBackend</name>
    <message>
        <location filename="../backend-client/runner/DirectBackend.cpp" line="+16"/>
        <location line="+123"/>
        <source>this console has no SSH transport: it can show the job history but not run jobs</source>
        <translation>此控制台没有 SSH 通道：只能查看作业历史，不能运行作业</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>a job with the id %1 exists already</source>
        <translation>ID 为 %1 的作业已存在</translation>
    </message>
    <message>
        <location line="+84"/>
        <location line="+25"/>
        <source>job %1 is run by another program (%2): control it there</source>
        <translation>作业 %1 由另一个程序（%2）运行：请在那里操作</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>job %1 is not running (it is %2)</source>
        <translation>作业 %1 未在运行（当前为 %2）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>job %1 is a workflow run: retry or re-run its steps from the Workflows page (or the jobs of its steps)</source>
        <translation>作业 %1 是一次工作流运行：请在“工作流”页面重试或重新运行其步骤（或其步骤的作业）</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>job %1: event #%2 is missing from the store</source>
        <translation>作业 %1：存储中缺少事件 #%2</translation>
    </message>
</context>
<context>
    <name>EditGroupCommand</name>
    <message>
        <location filename="../widgets/inventory/InventoryCommands.cpp" line="+233"/>
        <source>Edit group %1</source>
        <translation>编辑分组 %1</translation>
    </message>
</context>
<context>
    <name>FactsPage</name>
    <message>
        <location filename="../widgets/facts/FactsPage.cpp" line="+352"/>
        <source>Cannot read the facts: %1</source>
        <translation>无法读取主机信息：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%1 (%n host(s))</source>
        <translation>
            <numerusform>%1（%n 台主机）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n host(s) on the newest version</source>
        <translation>
            <numerusform>%n 台主机为最新版本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n version(s) installed</source>
        <translation>
            <numerusform>已安装 %n 个版本</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Pick a package to see its versions and the hosts on each.</source>
        <translation>选择一个软件包，查看其各版本及所在主机。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n 个版本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+7"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 台主机</numerusform>
        </translation>
    </message>
    <message>
        <location line="-5"/>
        <source>%1: %2 on %3. Pick a version (or hosts) to upgrade them.</source>
        <translation>%1：%2，分布在 %3 上。选择一个版本（或若干主机）即可升级。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (newest)</source>
        <translation>%1（最新）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Pick a service to see it on each host.</source>
        <translation>选择一个服务，查看它在各主机上的状态。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1: active on %2, failed on %3, inactive on %4 of %n host(s). The state is as of each host&apos;s gathering.</source>
        <translation>
            <numerusform>%1：%n 台主机中，运行 %2 台，失败 %3 台，未运行 %4 台。状态为各主机采集时的状态。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 %2</source>
        <comment>two sentences, one after the other</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last state change: %1.</source>
        <translation>最近一次状态变化：%1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State changes between %1 and %2.</source>
        <translation>状态变化时间介于 %1 与 %2 之间。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>active</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inactive</source>
        <translation>未运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In this state since %1 (as of the gathering)</source>
        <translation>自 %1 起处于此状态（以采集时为准）</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>all hosts</source>
        <translation>全部主机</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Software and services of %1: no facts gathered yet. Gather Facts reads them from the hosts (one SSH exchange per host).</source>
        <translation>%1的软件与服务：尚未采集主机信息。“采集主机信息”会从主机读取（每台主机一次 SSH 交互）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Software and services of %1: facts of %n host(s), gathered %2.</source>
        <translation>
            <numerusform>%1的软件与服务：%n 台主机的信息，采集于 %2。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No backend: jobs cannot run.</source>
        <translation>没有后端：无法运行作业。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The job could not start: %1</source>
        <translation>作业无法启动：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The library has no script “%1”: add one that upgrades the package named by its first argument.</source>
        <translation>脚本库中没有脚本“%1”：请添加一个脚本，升级由第一个参数指定的软件包。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Stop Service</source>
        <translation>停止服务</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Stop %1 on %n host(s)? %2</source>
        <translation>
            <numerusform>在 %n 台主机上停止 %1？%2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restart Service</source>
        <translation>重启服务</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Restart %1 on %n host(s)? %2</source>
        <translation>
            <numerusform>在 %n 台主机上重启 %1？%2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No backend: facts cannot be gathered.</source>
        <translation>没有后端：无法采集主机信息。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A facts gathering is already running.</source>
        <translation>已有一次主机信息采集正在运行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No hosts to gather facts of.</source>
        <translation>没有可采集信息的主机。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The gathering cannot be followed: %1</source>
        <translation>无法跟踪采集进度：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The gathering could not start: %1</source>
        <translation>采集无法启动：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Gathering facts: %v of %m hosts</source>
        <translation>正在采集主机信息：%v / %m 台主机</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Facts gathered of %n host(s).</source>
        <translation>
            <numerusform>已采集 %n 台主机的信息。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Facts gathered of %1 of %n host(s); %2 failed: %3</source>
        <translation>
            <numerusform>已采集 %n 台主机中 %1 台的信息；%2 台失败：%3</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Gather Facts</source>
        <translation>采集主机信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the facts of the hosts in scope again (a job, shown in the Jobs page)</source>
        <translation>重新读取范围内主机的信息（作为作业运行，显示在作业页面）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Software</source>
        <translation>软件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter packages by name</source>
        <translation>按名称筛选软件包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter services by name</source>
        <translation>按名称筛选服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Package</source>
        <translation>软件包</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Newest</source>
        <translation>最新版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inactive</source>
        <translation>未运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version / host</source>
        <translation>版本 / 主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gathered</source>
        <translation>采集时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit Status</source>
        <translation>单元状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since</source>
        <translation>状态始于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upgrade…</source>
        <translation>升级…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upgrade the package on the hosts picked (the run dialog, with the library script “%1”)</source>
        <translation>在所选主机上升级该软件包（打开运行对话框，使用库脚本“%1”）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop…</source>
        <translation>停止…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restart…</source>
        <translation>重启…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal Tail</source>
        <translation>查看日志尾部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last 200 lines of the service&apos;s journal on each host, as a job</source>
        <translation>以作业方式查看各主机上该服务日志的最后 200 行</translation>
    </message>
</context>
<context>
    <name>FailurePolicy</name>
    <message>
        <location filename="../models/jobs/FailurePolicy.cpp" line="+24"/>
        <source>&apos;%1&apos; is not a failure policy: write &quot;first&quot;, a number of failed hosts (2), a percentage of the job (10%) or of the batch (10% batch), or &quot;continue&quot;</source>
        <translation>“%1”不是有效的失败策略：请填写 &quot;first&quot;、失败主机数（如 2）、占作业主机的百分比（如 10%）、占批次主机的百分比（如 10% batch），或 &quot;continue&quot;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;%1&apos;: the percentage must be between 1% and 100%</source>
        <translation>“%1”：百分比必须在 1% 到 100% 之间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos;: the number of failed hosts must be 1 or more (or write &quot;continue&quot;)</source>
        <translation>“%1”：失败主机数至少为 1（或填写 &quot;continue&quot;）</translation>
    </message>
    <message numerus="yes">
        <location line="+76"/>
        <source>stop when %n host(s) have failed</source>
        <translation>
            <numerusform>失败主机达到 %n 台时停止</numerusform>
        </translation>
    </message>
    <message>
        <location line="-3"/>
        <source>stop at the first failure</source>
        <translation>出现第一台失败主机即停止</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>stop when %1% of a batch has failed</source>
        <translation>单个批次中失败主机达到 %1% 时停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stop when %1% of the hosts have failed</source>
        <translation>失败主机达到总数的 %1% 时停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>continue whatever fails</source>
        <translation>无论失败多少都继续执行</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <location filename="../editors/FindReplaceBar.cpp" line="+65"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace All</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace with (\1 for a group)</source>
        <translation>替换为（\1 表示分组）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>.*</source>
        <translation>.*</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Regular expression (Perl syntax; \1 in the replacement for a group)</source>
        <translation>正则表达式（Perl 语法；替换文本中用 \1 引用分组）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aa</source>
        <translation>Aa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Whole words only</source>
        <translation>全字匹配</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>上一个匹配（Shift+Enter、Shift+F3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next match (Enter, F3)</source>
        <translation>下一个匹配（Enter、F3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>9999 of 9999</source>
        <translation>9999 / 9999</translation>
    </message>
    <message>
        <location line="+241"/>
        <source>Invalid regular expression: %1 (at character %2)</source>
        <translation>正则表达式无效：%1（位于第 %2 个字符）</translation>
    </message>
    <message>
        <location line="+267"/>
        <source>Replaced %1</source>
        <translation>已替换 %1 处</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 处匹配</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 matches</source>
        <translation>%1 处匹配</translation>
    </message>
</context>
<context>
    <name>GoToLineDialog</name>
    <message>
        <location filename="../editors/ScriptEditor.cpp" line="+708"/>
        <source>Go to Line</source>
        <translation>转到行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line (1–%1):</source>
        <translation>行号（1–%1）：</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <location filename="../widgets/inventory/GroupDialog.cpp" line="+21"/>
        <source>New Group</source>
        <translation>新建分组</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. js_mongodb</source>
        <translation>例如 js_mongodb</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The priority class of the group&apos;s variables: IDC &lt; set &lt; custom</source>
        <translation>分组变量的优先级类别：机房 &lt; 集群 &lt; 自定义</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Parent:</source>
        <translation>上级分组(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dynamic: its hosts are those that match a rule</source>
        <translation>动态分组(&amp;D)：成员为符合规则的主机</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Rule:</source>
        <translation>规则(&amp;R)：</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Enter a group name.</source>
        <translation>请输入分组名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos; only (Ansible group names).</source>
        <translation>只能使用字母、数字、“_”、“-”和“.”（Ansible 分组名规则）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A group named %1 already exists.</source>
        <translation>名为 %1 的分组已存在。</translation>
    </message>
</context>
<context>
    <name>GroupPropertiesDialog</name>
    <message>
        <location filename="../widgets/inventory/GroupPropertiesDialog.cpp" line="+22"/>
        <source>Group %1</source>
        <translation>分组 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IDC (data centre)</source>
        <translation>机房（IDC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set (cluster)</source>
        <translation>集群（set）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ansible_group_priority: among groups of the same depth, a higher priority applies later and wins.</source>
        <translation>ansible_group_priority：同一层级的分组中，优先级高的后应用、覆盖其他分组。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Priority:</source>
        <translation>优先级(&amp;P)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Rule:</source>
        <translation>规则(&amp;R)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Variables:</source>
        <translation>变量(&amp;V)：</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>group_vars/%1 also sets %n variable(s); they apply after these.</source>
        <translation>
            <numerusform>group_vars/%1 还设置了 %n 个变量；它们在这些变量之后生效。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>variables</source>
        <translation>变量</translation>
    </message>
</context>
<context>
    <name>GroupTreeModel</name>
    <message>
        <location filename="../models/inventory/GroupTreeModel.cpp" line="+221"/>
        <source>IDC</source>
        <translation>机房</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set</source>
        <translation>集群</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1, dynamic</source>
        <translation>%1，动态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every host of the inventory</source>
        <translation>主机清单中的全部主机</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hosts that are in no group</source>
        <translation>不属于任何分组的主机</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 group %2, dynamic: %3</source>
        <translation>%1分组 %2，动态：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 group %2</source>
        <translation>%1分组 %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
</context>
<context>
    <name>HandoverBackend</name>
    <message>
        <location filename="../backend-client/HandoverBackend.cpp" line="+50"/>
        <source>the backend of this job is gone</source>
        <translation>运行此作业的后端已不存在</translation>
    </message>
</context>
<context>
    <name>HostDetailsPanel</name>
    <message>
        <location filename="../widgets/inventory/HostDetailsPanel.cpp" line="+68"/>
        <source>group %1</source>
        <translation>分组 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>group_vars/%1</source>
        <translation>group_vars/%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>host_vars/%1</source>
        <translation>host_vars/%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>job</source>
        <translation>作业</translation>
    </message>
    <message>
        <location line="+156"/>
        <source>Select a host to see its details and variables.</source>
        <translation>选择一台主机，查看其详情和变量。</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location line="-131"/>
        <location line="+11"/>
        <source>%1 (from %2)</source>
        <translation>%1（来自 %2）</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+11"/>
        <source>%1 (from ~/.ssh/config)</source>
        <translation>%1（来自 ~/.ssh/config）</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>%1 (default: the local user)</source>
        <translation>%1（默认：本地用户）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>22 (default)</source>
        <translation>22（默认）</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Reveal Value…</source>
        <translation>显示明文…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The value of %1 is encrypted with Ansible Vault (vault id %2). Its vault password (kept in memory until OpsDeck closes):</source>
        <translation>%1 的值已用 Ansible Vault 加密（Vault ID %2）。请输入其 Vault 密码（在 OpsDeck 关闭前保存在内存中）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That password does not open it. Try again:</source>
        <translation>该密码无法解开它。请重试：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reveal Value</source>
        <translation>显示明文</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Revealed (decrypted for this view only; the workspace keeps it encrypted)</source>
        <translation>已显示明文（仅在此视图中解密；工作区中仍保持加密）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SSH port:</source>
        <translation>SSH 端口：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SSH user:</source>
        <translation>SSH 用户：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>IDC:</source>
        <translation>机房：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Business:</source>
        <translation>业务：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Environment:</source>
        <translation>环境：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Groups:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member of:</source>
        <translation>所属分组：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every group the host is in, including parents of its groups</source>
        <translation>主机所在的全部分组，包括其分组的上级分组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user the SSH connection logs in as, and where it comes from: the inventory layer that sets ansible_user, else ~/.ssh/config, else the local user</source>
        <translation>SSH 连接登录所用的用户及其来源：设置 ansible_user 的主机清单层，否则 ~/.ssh/config，否则本地用户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The SSH port, and where it comes from: the inventory layer that sets ansible_port, else ~/.ssh/config, else 22</source>
        <translation>SSH 端口及其来源：设置 ansible_port 的主机清单层，否则 ~/.ssh/config，否则 22</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved variables with the layer that supplied each; overridden values are shown greyed below the value that won</source>
        <translation>解析后的变量及其来源层级；被覆盖的值以灰色显示在生效值下方</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved variables</source>
        <translation>解析后的变量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host variables (YAML)</source>
        <translation>主机变量（YAML）</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n host(s) selected.</source>
        <translation>
            <numerusform>已选择 %n 台主机。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>overridden</source>
        <translation>已被覆盖</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overridden by %1</source>
        <translation>被 %1 覆盖</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no variables of its own</source>
        <translation>没有自己的变量</translation>
    </message>
</context>
<context>
    <name>HostEditDialog</name>
    <message>
        <location filename="../widgets/inventory/HostEditDialog.cpp" line="+63"/>
        <source>Edit Host %1</source>
        <translation>编辑主机 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add Host</source>
        <translation>添加主机</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. web01.js</source>
        <translation>例如 web01.js</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>IP address or DNS name (default: the name)</source>
        <translation>IP 地址或域名（默认：主机名）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>default (22)</source>
        <translation>默认（22）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SSH &amp;port:</source>
        <translation>SSH 端口(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>default from SSH config</source>
        <translation>默认取自 SSH 配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSH &amp;user:</source>
        <translation>SSH 用户(&amp;U)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;IDC:</source>
        <translation>机房(&amp;I)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Business:</source>
        <translation>业务(&amp;B)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Environment:</source>
        <translation>环境(&amp;E)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>comma-separated, e.g. mongodb, canary</source>
        <translation>以逗号分隔，例如 mongodb, canary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter groups</source>
        <translation>筛选分组</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Groups:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The host&apos;s own variables as a YAML mapping. Address, port, user, IDC, business, environment, status and tags are the fields above.</source>
        <translation>主机自身的变量（YAML 映射）。地址、端口、用户、机房、业务、环境、状态和标签在上方的字段中填写。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Variables:</source>
        <translation>变量(&amp;V)：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Enter a host name.</source>
        <translation>请输入主机名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A host name cannot contain spaces, commas or brackets.</source>
        <translation>主机名不能包含空格、逗号或括号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A host named %1 already exists; choose another name.</source>
        <translation>名为 %1 的主机已存在，请换一个名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>variables</source>
        <translation>变量</translation>
    </message>
</context>
<context>
    <name>HostTableModel</name>
    <message>
        <location filename="../models/inventory/HostTableModel.cpp" line="+334"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IDC</source>
        <translation>机房</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Business</source>
        <translation>业务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Env</source>
        <translation>环境</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../widgets/inventory/ImportDialog.cpp" line="+51"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading inventory…</source>
        <translation>正在读取主机清单…</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+21"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>Import Ansible Inventory</source>
        <translation>导入 Ansible 主机清单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Path of an inventory file or directory</source>
        <translation>主机清单文件或目录的路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File…</source>
        <translation>文件(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Directory…</source>
        <translation>目录(&amp;D)…</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Inventory File</source>
        <translation>主机清单文件</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Comparing with the workspace…</source>
        <translation>正在与工作区比较…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>the workspace&apos;s inventory changed since this preview. Preview again to see what the import changes now.</source>
        <translation>预览之后工作区的清单已被修改。请重新预览，查看此次导入现在会改变什么。</translation>
    </message>
    <message>
        <location line="+98"/>
        <location line="+142"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Ansible inventories (*.ini *.yml *.yaml hosts inventory);;All files (*)</source>
        <translation>Ansible 主机清单 (*.ini *.yml *.yaml hosts inventory);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Inventory Directory</source>
        <translation>主机清单目录</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Choose an Ansible inventory file (INI or YAML) or a directory holding one with its group_vars/ and host_vars/. You see what changes before anything is written.</source>
        <translation>选择一个 Ansible 清单文件（INI 或 YAML），或包含清单及其 group_vars/、host_vars/ 的目录。写入之前会先显示将发生的变更。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Merge into the workspace&apos;s inventory: hosts and groups are added, variables combined key by key (the imported value wins), nothing is removed</source>
        <translation>合并到工作区清单(&amp;M)：添加主机和分组，变量逐键合并（以导入的值为准），不删除任何内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Replace the workspace&apos;s inventory: hosts, groups and variables the file does not have are removed</source>
        <translation>替换工作区清单(&amp;R)：文件中没有的主机、分组和变量将被删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group or host</source>
        <translation>分组或主机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>%1 does not exist. Choose an inventory file or directory.</source>
        <translation>%1 不存在。请选择主机清单文件或目录。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Read the inventory and show what importing it changes; nothing is written yet</source>
        <translation>读取清单并显示导入会带来的变更；此时不写入任何内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Replace Inventory</source>
        <translation>替换清单(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the changes shown above to the workspace (Edit › Undo takes them back)</source>
        <translation>将上面显示的变更写入工作区（“编辑 › 撤销”可以撤回）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Import cancelled; the workspace is unchanged.</source>
        <translation>导入已取消，工作区未做任何更改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview cancelled; nothing was written.</source>
        <translation>预览已取消；未写入任何内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The workspace already holds everything in this inventory: nothing to import.</source>
        <translation>工作区已包含此清单中的全部内容：无需导入。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added: %1 and %2.</source>
        <translation>新增：%1、%2。</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <location line="+10"/>
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n 个分组</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-10"/>
        <location line="+10"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 台主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-9"/>
        <source>Changed: %n group(s) or host(s).</source>
        <translation>
            <numerusform>变更：%n 个分组或主机。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables: %1 added, %2 changed, %3 removed.</source>
        <translation>变量：新增 %1 个，修改 %2 个，删除 %3 个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Removed: %1 and %2.</source>
        <translation>删除：%1、%2。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Group %1 is dynamic here (rule: %2): the %n host(s) the file lists for it do not become members.</source>
        <translation>
            <numerusform>分组 %1 在此是动态分组（规则：%2）：文件为其列出的 %n 台主机不会成为成员。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>group %1</source>
        <translation>分组 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>changed</source>
        <translation>变更</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n variable(s) added</source>
        <translation>
            <numerusform>新增 %n 个变量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n variable(s) changed</source>
        <translation>
            <numerusform>修改 %n 个变量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n variable(s) removed</source>
        <translation>
            <numerusform>删除 %n 个变量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n member(s) added</source>
        <translation>
            <numerusform>新增 %n 个成员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n member(s) removed</source>
        <translation>
            <numerusform>移除 %n 个成员</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, </source>
        <comment>separator of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+3"/>
        <source>member %1</source>
        <translation>成员 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>child group %1</source>
        <translation>子分组 %1</translation>
    </message>
</context>
<context>
    <name>ImportInventoryCommand</name>
    <message>
        <location filename="../widgets/inventory/InventoryCommands.cpp" line="+100"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
</context>
<context>
    <name>InventoryCommand</name>
    <message numerus="yes">
        <location line="-420"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 台主机</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Undo of %1 failed: %2</source>
        <translation>撤销“%1”失败：%2</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../widgets/inventory/InventoryPage.cpp" line="+113"/>
        <source>Search hosts: web  10.1.*  idc:js  tag:mongodb,redis  -status:retired  group:web</source>
        <translation>搜索主机：web  10.1.*  idc:js  tag:mongodb,redis  -status:retired  group:web</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+410"/>
        <source>Terms are ANDed; a comma inside a value means OR; a leading &apos;-&apos; negates.
Fields: name, ip, idc, biz, env, status, tag, group.</source>
        <translation>多个条件之间为“与”关系；值中的逗号表示“或”；开头的“-”表示取反。
字段：name（名称）、ip、idc（机房）、biz（业务）、env（环境）、status（状态）、tag（标签）、group（分组）。</translation>
    </message>
    <message>
        <location line="-408"/>
        <source>Search hosts</source>
        <translation>搜索主机</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+88"/>
        <location line="+111"/>
        <source>Loading inventory…</source>
        <translation>正在加载主机清单…</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>&amp;Import Ansible Inventory…</source>
        <translation>导入 Ansible 主机清单(&amp;I)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add Host…</source>
        <translation>添加主机(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit Host…</source>
        <translation>编辑主机(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected hosts (or the selected group when the group tree has focus)</source>
        <translation>删除选中的主机（焦点在分组树上时删除选中的分组）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete Selected &amp;Hosts…</source>
        <translation>删除选中的主机(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;Tag to Selected Hosts…</source>
        <translation>为选中的主机添加标签(&amp;T)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove Tag from Selected Hosts…</source>
        <translation>从选中的主机移除标签(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Selected Hosts from &amp;Group</source>
        <translation>将选中的主机移出分组(&amp;G)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New &amp;Group…</source>
        <translation>新建分组(&amp;G)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit Group (Kind, Priority, Variables)…</source>
        <translation>编辑分组（类型、优先级、变量）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete Group…</source>
        <translation>删除分组…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit &amp;Variables…</source>
        <translation>编辑变量(&amp;V)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the variable layers of the selected host (or of the current group) as YAML or as a flattened table</source>
        <translation>以 YAML 或展开表格编辑所选主机（或当前分组）的各层变量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find Hosts</source>
        <translation>查找主机(&amp;F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear Search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Re&amp;load Inventory</source>
        <translation>重新加载主机清单(&amp;L)</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Cannot load the inventory: %1</source>
        <translation>无法加载主机清单：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+18"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Cannot load the inventory</source>
        <translation>无法加载主机清单</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The hosts are shown without their facts (%1): templates, rules and fact: or drift: searches do not see them. Gather Facts again to store them anew, or Retry.</source>
        <translation>主机显示时不含其主机信息（%1）：模板、规则以及 fact: 或 drift: 搜索都看不到这些信息。请重新采集主机信息以再次保存，或点击重试。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <location line="+144"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Imported %1 and %2 from %3</source>
        <translation>已从 %3 导入 %1、%2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 台主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n 个分组</numerusform>
        </translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Tags to add to %1:</source>
        <translation>要为 %1 添加的标签：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tags to remove from %1:</source>
        <translation>要从 %1 移除的标签：</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+54"/>
        <source>The hosts of dynamic group %1 come from its rule</source>
        <translation>动态分组 %1 的主机由其规则决定</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Remove %1 from group %2</source>
        <translation>将 %1 移出分组 %2</translation>
    </message>
    <message>
        <location line="-270"/>
        <source>Search: %1</source>
        <translation>搜索：%1</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The search is not valid: %1</source>
        <translation>搜索条件无效：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The inventory is empty.
Import an Ansible inventory (Ctrl+I) or add a host (Ctrl+N).</source>
        <translation>主机清单为空。
导入 Ansible 主机清单（Ctrl+I）或添加一台主机（Ctrl+N）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No hosts in group %1 match &apos;%2&apos;</source>
        <translation>分组 %1 中没有与“%2”匹配的主机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No hosts match &apos;%1&apos;</source>
        <translation>没有与“%1”匹配的主机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Group %1 has no hosts.
Drag hosts here from another group to add them.</source>
        <translation>分组 %1 中没有主机。
从其他分组把主机拖到这里即可添加。</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Delete host %1 from the inventory?</source>
        <translation>从主机清单中删除主机 %1？</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n host(s) from the inventory?</source>
        <translation>
            <numerusform>要从主机清单中删除 %n 台主机吗？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete Hosts</source>
        <translation>删除主机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>You can undo this.</source>
        <translation>此操作可以撤销。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+14"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The groups &apos;all&apos; and &apos;ungrouped&apos; cannot be deleted</source>
        <translation>分组“all”和“ungrouped”不能删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete Group</source>
        <translation>删除分组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete group %1? Its hosts stay in the inventory. You can undo this.</source>
        <translation>删除分组 %1？其中的主机仍保留在主机清单中。此操作可以撤销。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Add Tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Remove Tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The selected hosts are members of %1 only through its subgroups</source>
        <translation>选中的主机只是通过子分组属于 %1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Already in group %1</source>
        <translation>已在分组 %1 中</translation>
    </message>
</context>
<context>
    <name>JinjaLexer</name>
    <message>
        <location filename="../editors/JinjaLexer.cpp" line="+30"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File comment</source>
        <translation>文件注释</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Section</source>
        <translation>节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag delimiter</source>
        <translation>标签定界符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyword</source>
        <translation>关键字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter</source>
        <translation>过滤器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>String</source>
        <translation>字符串</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Template comment</source>
        <translation>模板注释</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inside a tag</source>
        <translation>标签内部</translation>
    </message>
</context>
<context>
    <name>JobEngine</name>
    <message>
        <location filename="../models/jobs/JobEngine.cpp" line="+91"/>
        <location line="+25"/>
        <source>the job has already been started</source>
        <translation>作业已经启动</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>no backend to run the job on</source>
        <translation>没有可执行作业的后端</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the job has no recorded events</source>
        <translation>作业没有任何已记录的事件</translation>
    </message>
    <message>
        <location line="+594"/>
        <location line="+33"/>
        <source>the job is not running</source>
        <translation>作业未在运行</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>the job is already paused</source>
        <translation>作业已处于暂停状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the job is being cancelled</source>
        <translation>作业正在取消</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the job is not paused</source>
        <translation>作业未暂停</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the job is already being cancelled</source>
        <translation>作业已在取消中</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the job is not waiting for the next batch</source>
        <translation>作业未在等待下一批次</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the job has not been started</source>
        <translation>作业尚未启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the job is still running: wait for it to finish or cancel it</source>
        <translation>作业仍在运行：请等待其完成或将其取消</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>no failed or not started hosts to retry</source>
        <translation>没有可重试的失败或未开始的主机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no failed hosts to retry</source>
        <translation>没有可重试的失败主机</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the job has no step %1</source>
        <translation>作业没有第 %1 步</translation>
    </message>
</context>
<context>
    <name>JobHostModel</name>
    <message>
        <location filename="../widgets/jobs/JobHostModel.cpp" line="+69"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connecting (queued)</source>
        <translation>连接中（排队等待握手名额）</translation>
    </message>
    <message numerus="yes">
        <location line="-1"/>
        <source>Connecting (queued; retried %n time(s))</source>
        <translation>
            <numerusform>连接中（排队；已重试 %n 次）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Connecting (retried %n time(s))</source>
        <translation>
            <numerusform>连接中（已重试 %n 次）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exited with code %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exited with code %1: %2</source>
        <translation>退出码 %1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreachable</source>
        <translation>不可达</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Authentication failed</source>
        <translation>认证失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host key rejected</source>
        <translation>主机密钥被拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: the host did not pass an earlier step</source>
        <translation>已跳过：该主机未通过前面的步骤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not started: the job stopped before this host&apos;s turn</source>
        <translation>未开始：作业在轮到该主机之前已停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interrupted: the program running the job stopped; the outcome is unknown</source>
        <translation>已中断：运行作业的程序已停止，结果未知</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exit</source>
        <translation>退出码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempt</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>JobLauncher</name>
    <message>
        <location filename="../backend-client/runner/JobLauncher.cpp" line="+261"/>
        <source>three wrong passphrases for the key %1</source>
        <translation>密钥 %1 的口令连续三次错误</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no passphrase for the key %1</source>
        <translation>未提供密钥 %1 的口令</translation>
    </message>
</context>
<context>
    <name>JobNotifications</name>
    <message>
        <location filename="../app/JobNotifications.cpp" line="+55"/>
        <source>Job succeeded: %1</source>
        <translation>作业成功：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every host finished.</source>
        <translation>所有主机均已完成。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Job failed: %1</source>
        <translation>作业失败：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open OpsDeck to see which hosts failed and why.</source>
        <translation>打开 OpsDeck 查看哪些主机失败以及原因。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Job cancelled: %1</source>
        <translation>作业已取消：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Job interrupted: %1</source>
        <translation>作业被中断：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Its outcome on the hosts that were running is unknown.</source>
        <translation>正在运行的主机上的结果未知。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Job waits for you: %1</source>
        <translation>作业等待您处理：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The next batch starts when you confirm it.</source>
        <translation>确认后开始下一批。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Workflow waits for approval: %1</source>
        <translation>工作流等待审批：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step: %1</source>
        <translation>步骤：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Workflow succeeded: %1</source>
        <translation>工作流成功：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Workflow failed: %1</source>
        <translation>工作流失败：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open OpsDeck to see which step failed.</source>
        <translation>打开 OpsDeck 查看哪个步骤失败。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Workflow ended (%1): %2</source>
        <translation>工作流已结束（%1）：%2</translation>
    </message>
</context>
<context>
    <name>JobSpec</name>
    <message>
        <location filename="../models/jobs/JobSpec.cpp" line="+49"/>
        <source>Run script</source>
        <translation>执行脚本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Push %1 to %2</source>
        <translation>推送 %1 到 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Push template %1 to %2</source>
        <translation>推送模板 %1 到 %2</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>the job has no steps: add a script or a file to push</source>
        <translation>作业没有任何步骤：请添加脚本或要推送的文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>concurrency and timeout must not be negative</source>
        <translation>并发数和超时时间不能为负数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>step %1 (%2)</source>
        <translation>步骤 %1（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no target hosts: select hosts for the job or the step</source>
        <translation>%1 没有目标主机：请为作业或该步骤选择主机</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 has an empty host name</source>
        <translation>%1 中有空的主机名</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 needs an interpreter, e.g. /bin/sh</source>
        <translation>%1 需要指定解释器，例如 /bin/sh</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 needs a file to push</source>
        <translation>%1 需要指定要推送的文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: contentSha256 must be a SHA-256 in 64 lowercase hexadecimal digits</source>
        <translation>%1：contentSha256 必须是 64 位小写十六进制的 SHA-256</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 gives its file twice (contentBase64 and contentSha256): give one</source>
        <translation>%1 两次给出了文件（contentBase64 和 contentSha256）：只给一个</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 needs an absolute destination path on the hosts, e.g. /etc/app.conf</source>
        <translation>%1 需要指定主机上的绝对目标路径，例如 /etc/app.conf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: &apos;%2&apos; is not a file mode: write it in octal, e.g. 0644</source>
        <translation>%1：“%2”不是有效的文件权限：请用八进制表示，例如 0644</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>&apos;%1&apos; is not a rate: write bytes per second like 500K, 2M or 1G (1024-based)</source>
        <translation>“%1”不是速率：请按每秒字节数填写，例如 500K、2M 或 1G（以 1024 为进制）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;%1&apos; is too large for a rate</source>
        <translation>“%1”作为速率过大</translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <location filename="../models/jobs/JobStatus.cpp" line="+68"/>
        <source>Pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+29"/>
        <source>Running</source>
        <translation>执行中</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+35"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreachable</source>
        <translation>不可达</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Authentication failed</source>
        <translation>认证失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host key rejected</source>
        <translation>主机密钥被拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+27"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+23"/>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for confirmation</source>
        <translation>等待确认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelling</source>
        <translation>正在取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Succeeded</source>
        <translation>已成功</translation>
    </message>
</context>
<context>
    <name>JobText</name>
    <message>
        <location filename="../models/jobs/JobText.cpp" line="+29"/>
        <source>the job was interrupted: the program running it stopped before it finished</source>
        <translation>作业已中断：执行作业的程序在作业完成前退出了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the job was interrupted: the program running it (%1) stopped before it finished; hosts that were running have an unknown outcome</source>
        <translation>作业被中断：运行它的程序（%1）在作业结束前停止；当时正在运行的主机结果未知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the job was interrupted: the console was closed while it ran; hosts that were running have an unknown outcome</source>
        <translation>作业被中断：作业运行期间控制台被关闭；当时正在运行的主机结果未知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no result within %1 s: the remote process was stopped</source>
        <translation>%1 秒内未返回结果：已终止远程进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no result within %1 s: the remote process was stopped (%2)</source>
        <translation>%1 秒内没有结果：已停止远程进程（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no result within %1 s (%2): the remote process was stopped</source>
        <translation>%1 秒内没有结果（%2）：已停止远程进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no result within %1 s (%2): the remote process was stopped (%3)</source>
        <translation>%1 秒内没有结果（%2）：已停止远程进程（%3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>while connecting</source>
        <translation>连接时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>while logging in</source>
        <translation>登录时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>while waiting for the operator</source>
        <translation>等待操作人员回答时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>while the command ran</source>
        <translation>命令执行时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>while transferring the file</source>
        <translation>传输文件时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>while waiting for a handshake slot</source>
        <translation>等待握手名额时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled by the operator</source>
        <translation>已被操作员取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the backend reported no outcome</source>
        <translation>后端未返回执行结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the backend did not confirm that the remote process stopped</source>
        <translation>后端未确认远程进程已停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stopped at the first failed host</source>
        <translation>出现第一台失败主机后已停止</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>stopped: %n host(s) failed (the limit is %1)</source>
        <translation>
            <numerusform>已停止：%n 台主机失败（上限为 %1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>stopped: %1 of the %n host(s) of the batch failed (the limit is %2%)</source>
        <translation>
            <numerusform>已停止：本批次 %n 台主机中有 %1 台失败（上限为 %2%）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>stopped: %1 of the %n host(s) of the job failed (the limit is %2%)</source>
        <translation>
            <numerusform>已停止：作业的 %n 台主机中有 %1 台失败（上限为 %2%）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: timed out after %2 s while %3</source>
        <translation>%1：%3时超时（%2 秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>logging in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connecting</source>
        <translation>连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>logging in through jump host %1</source>
        <translation>经跳板机 %1 登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connecting through jump host %1</source>
        <translation>经跳板机 %1 连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for the server&apos;s SSH banner</source>
        <translation>等待服务器的 SSH 标识</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exchanging keys</source>
        <translation>交换密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 through jump host %2</source>
        <translation>经跳板机 %2 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying the connection (%1 of %2) in %3 s: %4</source>
        <translation>%3 秒后重试连接（第 %1 次，共 %2 次）：%4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jump host %1: %2</source>
        <translation>跳板机 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connection lost: %1</source>
        <translation>连接断开：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disconnected</source>
        <translation>已断开连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot resolve %1: %2</source>
        <translation>无法解析 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>libssh: out of memory</source>
        <translation>libssh：内存不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>socket: %1</source>
        <translation>socket：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>socketpair: %1</source>
        <translation>socketpair：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot connect to %1 (%2): %3</source>
        <translation>无法连接到 %1（%2）：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jump host %1: cannot create a channel: %2</source>
        <translation>跳板机 %1：无法创建通道：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jump host %1 cannot reach %2: %3</source>
        <translation>跳板机 %1 无法访问 %2：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: SSH handshake failed: %2</source>
        <translation>%1：SSH 握手失败：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no SSH address known for host %1</source>
        <translation>不知道主机 %1 的 SSH 地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no host key from the server: %1</source>
        <translation>服务器未提供主机密钥：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HOST KEY CHANGED for %1: the server now offers %2 %3, which does not match %4. This can be an attack; if the key change is expected, remove the old entry from %4</source>
        <translation>%1 的主机密钥已改变：服务器现在提供 %2 %3，与 %4 中记录的不符。这可能是攻击；如果密钥变更在预期之内，请从 %4 中删除旧条目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot check the host key of %1 against %2: %3</source>
        <translation>无法根据 %2 核对 %1 的主机密钥：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown host key for %1: %2 %3 is not in %4; accept it once (--accept-new-host-keys in the CLI) or add it to the file</source>
        <translation>%1 的主机密钥未知：%2 %3 不在 %4 中；请接受一次（命令行使用 --accept-new-host-keys）或将其加入该文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>host key %1 %2 of %3 was not accepted</source>
        <translation>未接受 %3 的主机密钥 %1 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot record the host key of %1 in the known_hosts file: %2</source>
        <translation>无法将 %1 的主机密钥记录到 known_hosts 文件：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>authentication failed for %1@%2 (tried: %3; the server accepts: %4)</source>
        <translation>%1@%2 认证失败（已尝试：%3；服务器接受：%4）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing to try</source>
        <translation>无可尝试的方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key %1</source>
        <translation>密钥 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key %1 does not exist</source>
        <translation>密钥 %1 不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key %1: wrong passphrase or unreadable</source>
        <translation>密钥 %1：口令错误或无法读取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key %1 is encrypted and no passphrase was given</source>
        <translation>密钥 %1 已加密，但未提供口令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key %1 is unreadable or encrypted (no passphrase provider)</source>
        <translation>密钥 %1 无法读取或已加密（没有口令提供方）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: connection closed during authentication: %2</source>
        <translation>%1：认证过程中连接被关闭：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid ProxyJump &quot;%1&quot;: %2</source>
        <translation>无效的 ProxyJump“%1”：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ProxyJump loops or chains more than %1 jump hosts (at %2)</source>
        <translation>ProxyJump 形成循环或串联了超过 %1 台跳板机（在 %2 处）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ProxyJump chains more than %1 jump hosts</source>
        <translation>ProxyJump 串联了超过 %1 台跳板机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled before it started</source>
        <translation>开始前已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled; sshd did not confirm that the remote process was killed</source>
        <translation>已取消；sshd 未确认远程进程已被终止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot create a channel: %1</source>
        <translation>无法创建通道：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot open a channel: %1</source>
        <translation>无法打开通道：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server refused to run the command: %1</source>
        <translation>服务器拒绝执行该命令：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+189"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-188"/>
        <source>cancelled: remote process killed (SIG%1)</source>
        <translation>已取消：远程进程已被终止（SIG%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>killed by signal SIG%1</source>
        <translation>被信号 SIG%1 终止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the remote command ended without an exit status</source>
        <translation>远程命令结束时没有退出状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no exit status from `%1`</source>
        <translation>`%1` 没有退出状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot render template %1: no renderer for this job</source>
        <translation>无法渲染模板 %1：此作业没有渲染器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot push the stored file %1: no content for this job</source>
        <translation>无法推送已存储的文件 %1：此作业没有其内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no destination path</source>
        <translation>没有目标路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid mode %1</source>
        <translation>无效的权限 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot check %1: %2</source>
        <translation>无法检查 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unchanged</source>
        <translation>未改变</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot set mode/owner of %1: %2</source>
        <translation>无法设置 %1 的权限/属主：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unchanged content; mode/owner updated</source>
        <translation>内容未改变；已更新权限/属主</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot start SFTP: %1</source>
        <translation>无法启动 SFTP：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot start SFTP (is the sftp subsystem enabled?): %1</source>
        <translation>无法启动 SFTP（sftp 子系统是否已启用？）：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot put %1 in place: %2</source>
        <translation>无法将 %1 放到位：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>written (%n byte(s))</source>
        <translation>
            <numerusform>已写入（%n 字节）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+98"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>JobView</name>
    <message>
        <location filename="../widgets/jobs/JobView.cpp" line="+261"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finish the hosts in flight and start no more</source>
        <translation>等正在执行的主机完成，不再启动新的主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start Next Batch</source>
        <translation>开始下一批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel Job</source>
        <translation>取消作业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the remote processes and start no more hosts</source>
        <translation>终止远程进程，不再启动新的主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry Failed</source>
        <translation>重试失败主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry Failed + Not Started</source>
        <translation>重试失败和未开始的主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-run Step</source>
        <translation>重新执行步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Grouped Output</source>
        <translation>输出归类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First line of output</source>
        <translation>输出首行</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+312"/>
        <source>Step %1: %2</source>
        <translation>步骤 %1：%2</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>No job</source>
        <translation>无作业</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>waiting for confirmation of the next batch</source>
        <translation>等待确认下一批</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stopping: %1</source>
        <translation>正在停止：%1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>(queued %1, connecting %2)</source>
        <translation>（排队 %1，连接中 %2）</translation>
    </message>
    <message>
        <location line="+85"/>
        <location line="+77"/>
        <source>%1, exit %2</source>
        <translation>%1，退出码 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no output)</source>
        <translation>（无输出）</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Select a host to see its output</source>
        <translation>选择一台主机以查看其输出</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>waiting before the next batch</source>
        <translation>等待下一批开始</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>%1 of %n host(s) done</source>
        <translation>
            <numerusform>已完成 %1 台，共 %n 台主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1, %n not started</source>
        <translation>
            <numerusform>%1，%n 台未开始</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Succeeded %1 · failed %2 · cancelled %3 · not started %4 · running %5</source>
        <translation>成功 %1 · 失败 %2 · 已取消 %3 · 未开始 %4 · 执行中 %5</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>Batch %1 of %2 (%n host(s)) is waiting for confirmation.</source>
        <translation>
            <numerusform>第 %1 批（共 %2 批，%n 台主机）正在等待确认。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Waiting %1 s before batch %2 of %3 (%n host(s)).</source>
        <translation>
            <numerusform>%1 秒后开始第 %2 批（共 %3 批，%n 台主机）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The job is paused: the batch starts after Resume.</source>
        <translation>作业已暂停：继续后才开始这一批。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start Batch %1</source>
        <translation>开始第 %1 批</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start Now</source>
        <translation>立即开始</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 — %2, exit %3</source>
        <translation>%1 — %2，退出码 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>step %1</source>
        <translation>步骤 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>attempt %1</source>
        <translation>第 %1 次尝试</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Step %1</source>
        <translation>步骤 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempt %1 · %2 · %3 · %4</source>
        <translation>第 %1 次尝试 · %2 · %3 · %4</translation>
    </message>
    <message numerus="yes">
        <location line="+69"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 台主机</numerusform>
        </translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Cannot read the output of %1: %2</source>
        <translation>无法读取 %1 的输出：%2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Show more output (%1 of %2 shown)</source>
        <translation>显示更多输出（已显示 %1，共 %2）</translation>
    </message>
</context>
<context>
    <name>JobsPage</name>
    <message>
        <location filename="../widgets/jobs/JobsPage.cpp" line="+179"/>
        <source>Search jobs by name or script</source>
        <translation>按名称或脚本搜索作业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Between dates…</source>
        <translation>指定日期范围…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jobs started on or after this day</source>
        <translation>在此日期当天或之后开始的作业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jobs started on or before this day</source>
        <translation>在此日期当天或之前开始的作业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Job</source>
        <translation>作业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>No backend.</source>
        <translation>没有后端。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>step %1, line %2: %3 [%4]</source>
        <translation>步骤 %1，第 %2 行：%3 [%4]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dangerous Script</source>
        <translation>危险脚本</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The script of &quot;%1&quot; contains commands that can destroy a host:
%2

It was acknowledged when the job started; running it again needs your acknowledgement again. Run it again on %n host(s)?</source>
        <translation>
            <numerusform>“%1”的脚本包含可能毁坏主机的命令：
%2

作业启动时已确认过；再次执行需要您重新确认。要在 %n 台主机上再次执行吗？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>I Understand, Run Again</source>
        <translation>我已了解，再次执行</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+3"/>
        <source>Cancel Job</source>
        <translation>取消作业</translation>
    </message>
    <message numerus="yes">
        <location line="-2"/>
        <source>Cancel &quot;%1&quot;? The %n host(s) still running or waiting are stopped or not started.</source>
        <translation>
            <numerusform>取消“%1”？仍在执行或等待的 %n 台主机将被停止或不再开始。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Re-run Step</source>
        <translation>重新执行步骤</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Run step %1 of &quot;%2&quot; again on %n host(s)?</source>
        <translation>
            <numerusform>要在 %n 台主机上重新执行“%2”的步骤 %1 吗？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retry Hosts</source>
        <translation>重试主机</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Run &quot;%1&quot; again on %n host(s)?</source>
        <translation>
            <numerusform>要在 %n 台主机上再次执行“%1”吗？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="-222"/>
        <location line="+9"/>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>No jobs yet. Run a script on hosts from the Scripts or Inventory page (Ctrl+R).</source>
        <translation>还没有作业。可在“脚本”或“主机清单”页面对主机运行脚本（Ctrl+R）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No backend: jobs cannot be run or shown.</source>
        <translation>没有后端：无法运行或显示作业。</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <location filename="../backend-client/connect/KeychainSecretStore.cpp" line="+10"/>
        <source>keychain: %1</source>
        <translation>密钥环：%1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>the system keychain</source>
        <translation>系统密钥环</translation>
    </message>
</context>
<context>
    <name>LayerText</name>
    <message>
        <location filename="../widgets/common/LayerText.cpp" line="+11"/>
        <source>•••••• encrypted (vault id %1)</source>
        <translation>•••••• 已加密（Vault ID %1）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Encrypted with Ansible Vault: the workspace keeps it encrypted, jobs decrypt it with the vault password. Double-click (or right-click › Reveal Value) to see it.</source>
        <translation>已用 Ansible Vault 加密：工作区中保持加密，作业使用 Vault 密码解密。双击（或右键 › 显示明文）即可查看。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 · vault</source>
        <translation>%1 · Vault</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>fact, gathered %1</source>
        <translation>主机信息，%1采集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>fact</source>
        <translation>主机信息</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n d ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <location filename="../widgets/common/LibraryPage.cpp" line="+90"/>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>%1, version %2%3</source>
        <translation>%1，版本 %2%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (unsaved changes)</source>
        <translation>（有未保存的更改）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” has changes that are not saved. Save them as a new version?</source>
        <translation>“%1”有未保存的更改。是否保存为新版本？</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Cannot keep a draft of “%1”: %2</source>
        <translation>无法保存“%1”的草稿：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>Recovered %n draft(s): save them to keep them as versions</source>
        <translation>
            <numerusform>已恢复 %n 份草稿：保存后才会成为正式版本</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/MainWindow.cpp" line="+1336"/>
        <source>About OpsDeck</source>
        <translation>关于 OpsDeck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpsDeck %1

An operator console for fleet operations: inventory, scripts, templates, workflows and jobs, over a control server or direct SSH.</source>
        <translation>OpsDeck %1

面向服务器集群运维的操作控制台：主机清单、脚本、模板、工作流和作业，可通过控制服务器或直连 SSH 执行。</translation>
    </message>
    <message>
        <location line="+88"/>
        <location line="+168"/>
        <source>Inventory</source>
        <translation>主机清单</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>Scripts</source>
        <translation>脚本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Workflows</source>
        <translation>工作流</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jobs</source>
        <translation>作业</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <location line="-1047"/>
        <source>%n job(s) were interrupted when OpsDeck last stopped; their output is kept in the Jobs page.</source>
        <translation>
            <numerusform>OpsDeck 上次停止时有 %n 个作业被中断；其输出保留在“作业”页面中。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Job history unavailable: %1</source>
        <translation>作业历史不可用：%1</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>No workspace is open: jobs cannot run.</source>
        <translation>没有打开工作区：无法运行作业。</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>“%1” is not in the library yet. Save it and push it, or push the editor&apos;s text without saving it?</source>
        <translation>“%1”尚未存入模板库。要保存后推送，还是不保存、直接推送编辑器中的文本？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” has changes that are not saved. Save them as a new version and push that, or push the editor&apos;s text as it is (the library keeps version %2)?</source>
        <translation>“%1”有未保存的修改。要保存为新版本后推送，还是直接推送编辑器中的当前文本（模板库保留版本 %2）？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unsaved Template</source>
        <translation>模板未保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save and Push</source>
        <translation>保存并推送</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Push Unsaved Text</source>
        <translation>推送未保存的文本</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>The job could not start: %1</source>
        <translation>作业无法启动：%1</translation>
    </message>
    <message>
        <location line="+361"/>
        <source>This console cannot connect to a server: it was built without the remote backend.</source>
        <translation>此控制台无法连接服务器：构建时没有包含远程后端。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Connected to %1. Secrets are kept only until you quit: no keychain is available.</source>
        <translation>已连接到 %1。机密信息只保留到退出为止：没有可用的系统密钥环。</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <location line="-716"/>
        <source>Another start of OpsDeck asked for this workspace: it is open here.</source>
        <translation>另一次启动的 OpsDeck 请求打开此工作区：它已在这里打开。</translation>
    </message>
    <message numerus="yes">
        <location line="+193"/>
        <source>%n selected host(s)</source>
        <translation>
            <numerusform>已选择的 %n 台主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>the %n host(s) the inventory shows</source>
        <translation>
            <numerusform>清单中显示的 %n 台主机</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>all hosts</source>
        <translation>全部主机</translation>
    </message>
    <message>
        <location line="+253"/>
        <source>Not connected to a server.</source>
        <translation>未连接服务器。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the inventory and libraries of %1…</source>
        <translation>正在读取 %1 的清单和库…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s inventory and libraries could not be read: %1. The pages show this workspace&apos;s own.</source>
        <translation>无法读取服务器的清单和库：%1。各页面显示的是本工作区自己的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload from Server</source>
        <translation>从服务器重新加载</translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%n item(s) changed both here and on the server since they were last read: nothing was reloaded. Publish to Server… shows them side by side.</source>
        <translation>
            <numerusform>有 %n 项自上次读取后在本地和服务器上都被修改：未重新加载。“发布到服务器…”可并排查看双方内容。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+83"/>
        <source>Publish to Server…</source>
        <translation>发布到服务器…</translation>
    </message>
    <message numerus="yes">
        <location line="-68"/>
        <source>Showing the server&apos;s inventory (%n host(s)) and libraries (%1 scripts, %2 templates).</source>
        <translation>
            <numerusform>正在显示服务器的清单（%n 台主机）和库（%1 个脚本，%2 个模板）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Not saved on the server yet: %1</source>
        <translation>尚未保存到服务器：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Inventory edits made here are not saved on the server: its inventory has dynamic groups, whose rules the saving format cannot carry. Edit the server&apos;s inventory with opsdeck-cli --server (inventory import, group add-dynamic) instead.</source>
        <translation>在此处对清单的修改不会保存到服务器：服务器的清单含有动态分组，保存格式无法携带其规则。请改用 opsdeck-cli --server（inventory import、group add-dynamic）编辑服务器的清单。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved on %1: %2</source>
        <translation>已保存到 %1：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not saved on the server: %1</source>
        <translation>未保存到服务器：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not saved on the server: %1 changed there too since it was read. Publish to Server… shows both sides; nothing is overwritten until you choose.</source>
        <translation>未保存到服务器：自读取后 %1 在服务器上也被修改。“发布到服务器…”可查看双方内容；在你做出选择前不会覆盖任何内容。</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>Disconnected from %1. Jobs running there go on on the server.</source>
        <translation>已断开与 %1 的连接。在那里运行的作业会在服务器上继续。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The server %1 cannot be reached: %2. OpsDeck keeps trying to reconnect; jobs running there go on.</source>
        <translation>无法访问服务器 %1：%2。OpsDeck 会持续尝试重新连接；在那里运行的作业会继续。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use Direct SSH for New Work</source>
        <translation>新作业改用直连 SSH</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server %1 cannot be reached: %2. OpsDeck keeps trying to reconnect; new work runs over direct SSH.</source>
        <translation>无法访问服务器 %1：%2。OpsDeck 会持续尝试重新连接；新作业通过直连 SSH 运行。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server %1 refused the token: %2. Connect again with a valid token.</source>
        <translation>服务器 %1 拒绝了令牌：%2。请使用有效的令牌重新连接。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to Server…</source>
        <translation>连接服务器…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The server %1 is reachable again. New work still runs over direct SSH.</source>
        <translation>服务器 %1 已恢复可访问。新作业仍通过直连 SSH 运行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the Server for New Work</source>
        <translation>新作业改回服务器</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Server %1: connected</source>
        <translation>服务器 %1：已连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected to %1. New work runs on the server.</source>
        <translation>已连接到 %1。新作业在服务器上运行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected to %1. New work runs over direct SSH (your choice).</source>
        <translation>已连接到 %1。新作业通过直连 SSH 运行（您的选择）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server %1: reconnecting…</source>
        <translation>服务器 %1：正在重新连接…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error: %1</source>
        <translation>最近的错误：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server %1: unauthorized</source>
        <translation>服务器 %1：未授权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server refused the token: %1</source>
        <translation>服务器拒绝了令牌：%1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>No recent servers</source>
        <translation>没有最近的服务器</translation>
    </message>
    <message>
        <location line="+233"/>
        <source>Facts</source>
        <translation>主机信息</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Inventory</source>
        <translation>主机清单(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Scripts</source>
        <translation>脚本(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Templates</source>
        <translation>模板(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Jobs</source>
        <translation>作业(&amp;J)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run or Push on Hosts…</source>
        <translation>在主机上执行或分发(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Gather Facts</source>
        <translation>采集主机信息(&amp;G)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gather the facts of the selected hosts (or of those the search shows): packages, services, OS</source>
        <translation>采集所选主机（或搜索结果中主机）的信息：软件包、服务、操作系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soft&amp;ware of Hosts</source>
        <translation>主机软件(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ser&amp;vices of Hosts</source>
        <translation>主机服务(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect to Server…</source>
        <translation>连接服务器(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recent Servers</source>
        <translation>最近的服务器(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Disconnect from Server</source>
        <translation>断开服务器连接(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Publish to Server…</source>
        <translation>发布到服务器(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reload from Server</source>
        <translation>从服务器重新加载(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the server&apos;s inventory and libraries again (edits made here are saved there first)</source>
        <translation>重新读取服务器的清单和库（此处的修改会先保存到服务器）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Command Palette…</source>
        <translation>命令面板(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desktop &amp;Notifications</source>
        <translation>桌面通知(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tell me when a job or workflow I started ends, fails or waits for me while this window is not in front</source>
        <translation>当本窗口不在前台时，在我启动的作业或工作流结束、失败或等待我处理时通知我</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;System Language</source>
        <translation>系统语言(&amp;S)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Go to %1</source>
        <translation>转到%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About OpsDeck</source>
        <translation>关于 OpsDeck(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backend: %1</source>
        <translation>后端：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where jobs run: the control server, or direct SSH from this workstation</source>
        <translation>作业的执行位置：控制服务器，或从本机直连 SSH</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Inventory and libraries: %1</source>
        <translation>清单和库：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pages show the server&apos;s inventory and libraries (a mirror kept in %1); edits are saved on the server. Jobs are kept in %2.</source>
        <translation>各页面显示服务器的清单和库（镜像保存在 %1）；修改会保存到服务器。作业记录保存在 %2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 台主机</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / %2</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1 is the workspace open here.</source>
        <translation>%1 就是这里打开的工作区。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is open in another OpsDeck window: it was brought to the front.</source>
        <translation>%1 已在另一个 OpsDeck 窗口中打开：已将其切换到前台。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot open the workspace: %1</source>
        <translation>无法打开工作区：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The translation for %1 could not be loaded.</source>
        <translation>无法加载 %1 的翻译。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Language changed. Restart OpsDeck if some texts still show the previous language.</source>
        <translation>界面语言已切换。如果仍有文字显示为原来的语言，请重启 OpsDeck。</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Workflows Are Running</source>
        <translation>工作流正在运行</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n workflow(s) run in this window. Closing stops them: they show as interrupted after the next start, with everything they did.</source>
        <translation>
            <numerusform>此窗口中有 %n 个工作流正在运行。关闭将停止它们：下次启动后它们显示为已中断，并保留已完成的全部内容。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close and Stop Workflows</source>
        <translation>关闭并停止工作流</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Jobs Are Running</source>
        <translation>作业正在运行</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n job(s) run in this window. Closing stops them: hosts in flight end as interrupted, the rest never start. Their output so far is kept.</source>
        <translation>
            <numerusform>此窗口中有 %n 个作业正在运行。关闭将停止它们：执行中的主机记为已中断，其余主机不再启动。已有输出会保留。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close and Stop Jobs</source>
        <translation>关闭并停止作业</translation>
    </message>
</context>
<context>
    <name>MemorySecretStore</name>
    <message>
        <location filename="../backend-client/connect/MemorySecretStore.cpp" line="+41"/>
        <source>memory only (kept until OpsDeck quits)</source>
        <translation>仅内存（保留到 OpsDeck 退出）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>memory only (kept until OpsDeck quits): %1</source>
        <translation>仅内存（保留到 OpsDeck 退出）：%1</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../widgets/common/MessageBar.cpp" line="+28"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close message</source>
        <translation>关闭消息</translation>
    </message>
</context>
<context>
    <name>NewGroupCommand</name>
    <message>
        <location filename="../widgets/inventory/InventoryCommands.cpp" line="+245"/>
        <source>New group %1</source>
        <translation>新建分组 %1</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <location filename="../widgets/connect/PublishDialog.cpp" line="+35"/>
        <source>Publish to %1</source>
        <translation>发布到 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Compare Again</source>
        <translation>重新比较(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Publish Ticked</source>
        <translation>发布勾选项(&amp;P)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What this workspace has that the server does not. New and changed items are ticked; a conflict (the server&apos;s copy changed too) is published only if you tick it, and then replaces the server&apos;s copy. Nothing is deleted on the server.</source>
        <translation>此工作区中有而服务器上没有的内容。新增和已修改的项目已勾选；冲突项（服务器上的副本也已修改）只有在您勾选后才会发布，并将替换服务器上的副本。服务器上的内容不会被删除。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Script</source>
        <translation>脚本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Inventory</source>
        <translation>主机清单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the same</source>
        <translation>相同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new: not on the server</source>
        <translation>新增：服务器上没有</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed here</source>
        <translation>本地已修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>conflict: the server&apos;s copy changed too</source>
        <translation>冲突：服务器上的副本也已修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>newer on the server</source>
        <translation>服务器上较新</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only on the server</source>
        <translation>仅在服务器上</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not compare with the server: %1</source>
        <translation>无法与服务器比较：%1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>inventory</source>
        <translation>主机清单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Everything here is on the server.</source>
        <translation>这里的所有内容都已在服务器上。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n to publish</source>
        <translation>
            <numerusform>%n 项待发布</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n 项冲突</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Server — version %1</source>
        <translation>服务器 — 版本 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>This workspace</source>
        <translation>此工作区</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the server would change:</source>
        <translation>服务器上将发生的变更：</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>Published %n item(s).</source>
        <translation>
            <numerusform>已发布 %n 项。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not published: %1</source>
        <translation>未发布：%1</translation>
    </message>
</context>
<context>
    <name>RollingPlan</name>
    <message>
        <location filename="../models/jobs/RollingPlan.cpp" line="+46"/>
        <source>write batch sizes as host counts (5) or percentages (10%), optionally ending with +N to grow or *N to multiply each batch, e.g. &quot;1 10% 50% 100%&quot;, &quot;5 +10&quot; or &quot;5 *2&quot;</source>
        <translation>请用主机数（如 5）或百分比（如 10%）填写批次大小，末尾可加 +N（每批递增 N）或 *N（每批乘以 N），例如 &quot;1 10% 50% 100%&quot;、&quot;5 +10&quot; 或 &quot;5 *2&quot;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;%1&apos; is not a batch size: %2</source>
        <translation>“%1”不是有效的批次大小：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is too large</source>
        <translation>“%1”过大</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos;: a batch needs at least one host (write 1 or more, or a percentage above 0%)</source>
        <translation>“%1”：每批至少需要一台主机（请填写 1 或更大的数，或大于 0% 的百分比）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos;: a percentage is at most 100%</source>
        <translation>“%1”：百分比不能超过 100%</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1% of the hosts</source>
        <translation>%1% 的主机</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 台主机</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&apos;%1&apos; needs a first batch size before it, e.g. &quot;5 %1&quot;</source>
        <translation>“%1”前面需要先写第一批的大小，例如 &quot;5 %1&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;%1&apos; must be the last item of the plan: it says how the batches grow after the sizes written before it, e.g. &quot;1 5 %1&quot;</source>
        <translation>“%1”必须是计划的最后一项：它表示前面写出的批次之后各批如何增长，例如 &quot;1 5 %1&quot;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;+&apos; needs a number of hosts to grow by, e.g. &quot;5 +10&quot;</source>
        <translation>“+”后面需要写每批递增的主机数，例如 &quot;5 +10&quot;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;%1&apos;: write a factor above 1 (at most 1000) to multiply each batch by, e.g. &quot;5 *2&quot;</source>
        <translation>“%1”：请填写大于 1（最大 1000）的倍数，每批按该倍数增长，例如 &quot;5 *2&quot;</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>all hosts in one batch</source>
        <translation>所有主机一批执行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, then </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>batches of %1</source>
        <translation>每批 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>batches of %1 (the last size repeats)</source>
        <translation>各批依次为 %1（之后沿用最后一批的大小）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>batches of %1, each next batch %2 larger</source>
        <translation>各批依次为 %1，之后每批比上一批多 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>batches of %1, each next batch %2 times larger</source>
        <translation>各批依次为 %1，之后每批是上一批的 %2 倍</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n batch(es): %1</source>
        <translation>
            <numerusform>%n 个批次：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+54"/>
        <source>wait %n second(s) between batches</source>
        <translation>
            <numerusform>批次之间等待 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="-27"/>
        <source>&apos;%1&apos; is not a pause between batches: write a number of seconds (30, 30s, 2m, at most a week), &quot;manual&quot; to wait for a confirmation, or &quot;none&quot;</source>
        <translation>“%1”不是有效的批次间隔：请填写秒数（如 30、30s、2m，最长一周）、&quot;manual&quot;（等待人工确认）或 &quot;none&quot;（不暂停）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>no pause between batches</source>
        <translation>批次之间不暂停</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>wait for a confirmation before each next batch</source>
        <translation>每批开始前等待人工确认</translation>
    </message>
</context>
<context>
    <name>RuleEdit</name>
    <message>
        <location filename="../widgets/inventory/RuleEdit.cpp" line="+24"/>
        <source>A Jinja2 expression over host: name, address, port, user, idc, business, env, status, tags, groups, vars (the host&apos;s resolved variables).</source>
        <translation>基于 host 的 Jinja2 表达式：name、address、port、user、idc、business、env、status、tags、groups、vars（主机解析后的变量）。</translation>
    </message>
    <message numerus="yes">
        <location line="+87"/>
        <source>%n host(s) match</source>
        <translation>
            <numerusform>匹配 %n 台主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n host(s) could not be evaluated and do not match, e.g. %1</source>
        <translation>
            <numerusform>%n 台主机无法求值，视为不匹配，例如 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Enter a rule, e.g. host.idc == &apos;js&apos; and &apos;mongodb&apos; in host.tags</source>
        <translation>请输入规则，例如 host.idc == &apos;js&apos; and &apos;mongodb&apos; in host.tags</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counting matching hosts…</source>
        <translation>正在统计匹配的主机…</translation>
    </message>
</context>
<context>
    <name>RunDialog</name>
    <message>
        <location filename="../widgets/jobs/RunDialog.cpp" line="+117"/>
        <location line="+651"/>
        <source>Run on Hosts</source>
        <translation>在主机上执行</translation>
    </message>
    <message>
        <location line="-631"/>
        <source>e.g. idc:js tag:web status:online</source>
        <translation>例如 idc:js tag:web status:online</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Targets:</source>
        <translation>目标主机(&amp;T)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run a script</source>
        <translation>执行脚本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Push a template (rendered per host)</source>
        <translation>分发模板（按主机渲染）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Push a file</source>
        <translation>分发文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Do:</source>
        <translation>操作(&amp;D)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>T&amp;emplate:</source>
        <translation>模板(&amp;E)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a file on this computer</source>
        <translation>本机上的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File to Push</source>
        <translation>要分发的文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>/etc/app/app.conf</source>
        <translation>/etc/app/app.conf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination:</source>
        <translation>目标路径：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>0644</source>
        <translation>0644</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>user:group (empty: the login user)</source>
        <translation>用户:组（留空：登录用户）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner:</source>
        <translation>属主：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mode:</source>
        <translation>权限：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no limit (e.g. 2M = 2 MiB/s for all hosts together)</source>
        <translation>不限速（例如 2M = 所有主机合计 2 MiB/s）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bandwidth limit:</source>
        <translation>带宽限制(&amp;B)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ad hoc command</source>
        <translation>临时命令</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Script:</source>
        <translation>脚本(&amp;S)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>uptime</source>
        <translation>uptime</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Command:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Script text:</source>
        <translation>脚本内容：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parameters:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the login user</source>
        <translation>登录用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run &amp;as:</source>
        <translation>执行账户(&amp;A)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>YAML, e.g. release: 2.4.1 (above every other variable layer)</source>
        <translation>YAML，例如 release: 2.4.1（优先于其他所有变量层）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job &amp;variables:</source>
        <translation>作业变量(&amp;V)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 10% 50% 100%  ·  5 +10  ·  5 *2  ·  20  ·  empty: all at once</source>
        <translation>1 10% 50% 100%  ·  5 +10  ·  5 *2  ·  20  ·  留空：一次全部执行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolling &amp;plan:</source>
        <translation>滚动计划(&amp;P)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No pause between batches</source>
        <translation>批次之间不暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait seconds:</source>
        <translation>等待秒数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask before each batch</source>
        <translation>每批开始前确认</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Between batches:</source>
        <translation>批次间隔：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>first · 3 · 10% · 10% job · continue</source>
        <translation>first · 3 · 10% · 10% job · continue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop &amp;when:</source>
        <translation>停止条件(&amp;W)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no timeout</source>
        <translation>不限时</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>whole batch</source>
        <translation>整批并发</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeout per host:</source>
        <translation>单台主机超时：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Concurrency:</source>
        <translation>并发数：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The exact hosts of each batch, in order:</source>
        <translation>每个批次的确切主机（按顺序）：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>For host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rendered</source>
        <translation>渲染结果</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Against the Last Push</source>
        <translation>与上次推送比较</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+300"/>
        <source>it pushed a stored file (SHA-256 %1…), which this dialog cannot show</source>
        <translation>它推送的是已存储的文件（SHA-256 %1…），此对话框无法显示</translation>
    </message>
    <message numerus="yes">
        <location line="+218"/>
        <source>I have read the %n blocking finding(s) above and want to run this script anyway</source>
        <translation>
            <numerusform>我已阅读上面 %n 条阻止性问题，仍要执行此脚本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 台主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n host(s) in the inventory</source>
        <translation>
            <numerusform>主机清单中共 %n 台主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n host(s) match</source>
        <translation>
            <numerusform>匹配 %n 台主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>Batch %1 — %n host(s)</source>
        <translation>
            <numerusform>第 %1 批 — %n 台主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>Variables of this job: %n</source>
        <translation>
            <numerusform>本作业的变量：%n 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="-586"/>
        <location line="+410"/>
        <source>&amp;Run</source>
        <translation>执行(&amp;R)</translation>
    </message>
    <message>
        <location line="-483"/>
        <source>Concurrency is how many hosts run at once. SSH logins are admitted separately: at most 128 at once, starting with 8 and adapting to how fast logins complete. Hosts waiting for a login show “Connecting (queued)”; their timeout does not run meanwhile.</source>
        <translation>并发数是同时执行的主机数。SSH 登录另行准入：最多同时 128 个，从 8 个开始，按登录完成的快慢自动调整。等待登录的主机显示“连接中（排队等待握手名额）”，等待期间不计超时。</translation>
    </message>
    <message numerus="yes">
        <location line="+116"/>
        <source>%n selected host(s)</source>
        <translation>
            <numerusform>已选择的 %n 台主机</numerusform>
        </translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 (unsaved changes)</source>
        <translation>%1（未保存的修改）</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>a binary file (%1 bytes): nothing to show</source>
        <translation>二进制文件（%1 字节）：无法显示</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no template is chosen</source>
        <translation>未选择模板</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no file is chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the file has %1 bytes, too many to show here</source>
        <translation>文件有 %1 字节，太大，无法在此显示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the file cannot be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>it pushed the file %1, and the job history keeps a file&apos;s path, not its content</source>
        <translation>该作业推送的是文件 %1，而作业历史只记录文件路径，不记录内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it ran no push</source>
        <translation>该作业没有推送</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Choose the targets to see what each of them gets.</source>
        <translation>选择目标后，可查看每台主机将得到的内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing to show for %1: %2</source>
        <translation>%1 无可显示的内容：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What %1 gets:</source>
        <translation>%1 将得到：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What %1 gets at %2:</source>
        <translation>%1 在 %2 将得到：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No job history is available to compare with.</source>
        <translation>没有可供比较的作业历史。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The job history has no earlier push of %1 to %2 that succeeded: as far as OpsDeck knows, the file is new there.</source>
        <translation>作业历史中没有将 %1 成功推送到 %2 的记录：据 OpsDeck 所知，该文件在那里是新的。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the job “%1” (%2, %3)</source>
        <translation>作业“%1”（%2，%3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 was last pushed to %2 by %3, but what it wrote is not known: %4.</source>
        <translation>%1 上次由%3推送到 %2，但不知道写入了什么：%4。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last push: %1</source>
        <translation>上次推送：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This push</source>
        <translation>本次推送</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its template text and job variables, as that job recorded them, are rendered with the host&apos;s variables of today; a change made on the host by other means is not known here.</source>
        <translation>按该作业记录的模板文本和作业变量，用主机当前的变量重新渲染；通过其他途径在主机上做的修改，这里无从得知。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A change made on the host by other means is not known here.</source>
        <translation>通过其他途径在主机上做的修改，这里无从得知。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No change since %1: a host that still has it skips the write. %2</source>
        <translation>自%1以来没有变化：仍保有该内容的主机会跳过写入。%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes since %1. %2</source>
        <translation>自%1以来的变化。%2</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Push to Hosts</source>
        <translation>分发到主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Push</source>
        <translation>分发(&amp;P)</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Danger warnings: %1 (see the script editor).</source>
        <translation>危险警告：%1 处（详见脚本编辑器）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>line %1: %2 [%3]</source>
        <translation>第 %1 行：%2 [%3]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This script contains commands that can destroy a host:
%1</source>
        <translation>该脚本包含可能损毁主机的命令：
%1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Targets: %1</source>
        <translation>目标主机：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the targets: type a search (an empty search would mean every host).</source>
        <translation>请选择目标主机：输入搜索条件（条件为空将意味着所有主机）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No host matches the targets.</source>
        <translation>没有与目标条件匹配的主机。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+9"/>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Rolling plan: %1</source>
        <translation>滚动计划：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stop when: %1</source>
        <translation>停止条件：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>… and %1 more</source>
        <translation>… 另有 %1 台</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>job variables</source>
        <translation>作业变量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Job variables: %1</source>
        <translation>作业变量：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The library has no templates: add one on the Templates page.</source>
        <translation>模板库中还没有模板：请在“模板”页面添加。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a template.</source>
        <translation>请选择模板。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the file to push.</source>
        <translation>请选择要分发的文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a readable file.</source>
        <translation>%1 不是可读取的文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the destination path on the hosts.</source>
        <translation>请填写主机上的目标路径。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination: %1</source>
        <translation>目标路径：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mode: %1</source>
        <translation>权限：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner: %1</source>
        <translation>属主：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bandwidth limit: %1</source>
        <translation>带宽限制：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a script or type a command.</source>
        <translation>请选择脚本或输入命令。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The parameter “%1” is required.</source>
        <translation>参数“%1”为必填项。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Acknowledge the blocking danger findings to run this script.</source>
        <translation>请先确认阻止级危险问题，才能执行此脚本。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The template does not parse: %1</source>
        <translation>模板无法解析：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 of %2 hosts cannot render the template — %3. Fix the template or its variables (or give them as job variables), or leave those hosts out.</source>
        <translation>%2 台主机中有 %1 台无法渲染该模板——%3。请修正模板或其变量（或作为作业变量给出），或排除这些主机。</translation>
    </message>
</context>
<context>
    <name>SaveHostCommand</name>
    <message>
        <location filename="../widgets/inventory/InventoryCommands.cpp" line="-234"/>
        <source>Edit host %1</source>
        <translation>编辑主机 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add host %1</source>
        <translation>添加主机 %1</translation>
    </message>
</context>
<context>
    <name>ScriptEditor</name>
    <message>
        <location filename="../editors/ScriptEditor.cpp" line="-597"/>
        <source>Blocked</source>
        <translation>阻止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+555"/>
        <source>ShellCheck</source>
        <translation>ShellCheck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Danger rule</source>
        <translation>危险规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — see %2</source>
        <translation>%1 — 参见 %2</translation>
    </message>
</context>
<context>
    <name>ScriptEditorTab</name>
    <message>
        <location filename="../widgets/scripts/ScriptEditorTab.cpp" line="+222"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show kind, run-as account, description and parameters</source>
        <translation>显示类型、执行账户、描述和参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run as:</source>
        <translation>执行账户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tags separated by spaces</source>
        <translation>多个标签以空格分隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User script</source>
        <translation>用户脚本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System script (vetted, reusable)</source>
        <translation>系统脚本（已审核，可复用）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the login user</source>
        <translation>登录用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a parameter</source>
        <translation>添加参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected parameter</source>
        <translation>移除选中的参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change note for the next version (optional)</source>
        <translation>下一版本的变更说明（可选）</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>The script needs a name: type one in the Name field.</source>
        <translation>脚本需要名称：请在“名称”字段中填写。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tag “%1” is not valid: tags have no spaces or commas and at most 64 characters.</source>
        <translation>标签“%1”无效：标签不能包含空格或逗号，且最多 64 个字符。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Blocking: %1 (must be acknowledged before a run)</source>
        <translation>阻止：%1 处（执行前必须确认）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Danger warnings: %1</source>
        <translation>危险警告：%1 处</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ShellCheck failed: %1</source>
        <translation>ShellCheck 运行失败：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ShellCheck is checking…</source>
        <translation>ShellCheck 正在检查…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ShellCheck findings: %1</source>
        <translation>ShellCheck 发现问题：%1 处</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No dangerous commands found</source>
        <translation>未发现危险命令</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ShellCheck: clean</source>
        <translation>ShellCheck：未发现问题</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hover the underlined text or the margin marks for details.</source>
        <translation>将鼠标悬停在带下划线的文字或页边标记上可查看详情。</translation>
    </message>
</context>
<context>
    <name>ScriptListModel</name>
    <message>
        <location filename="../models/scripts/ScriptListModel.cpp" line="+116"/>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
</context>
<context>
    <name>ScriptsPage</name>
    <message>
        <location filename="../widgets/scripts/ScriptsPage.cpp" line="+52"/>
        <source>Unsaved script drafts from the last session were kept.</source>
        <translation>上次会话中未保存的脚本草稿已保留。</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Rename Tag “%1”…</source>
        <translation>重命名标签“%1”…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Tag “%1” from Every Script…</source>
        <translation>从所有脚本中移除标签“%1”…</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Go to Line</source>
        <translation>转到行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line (1 to %1):</source>
        <translation>行号（1–%1）：</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>&amp;New Script</source>
        <translation>新建脚本(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Script</source>
        <translation>打开脚本(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import Scripts from Files…</source>
        <translation>从文件导入脚本(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save (New Version)</source>
        <translation>保存（新版本）(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close Tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lone Script…</source>
        <translation>克隆脚本(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export Script to File…</source>
        <translation>导出脚本到文件(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History and Diff…</source>
        <translation>历史版本与差异(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Replace…</source>
        <translation>替换(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Go to Line…</source>
        <translation>转到行(&amp;G)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Search the Li&amp;brary</source>
        <translation>搜索脚本库(&amp;B)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>R&amp;eset Zoom</source>
        <translation>重置缩放(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show Script &amp;Details</source>
        <translation>显示脚本详情(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Danger Rules…</source>
        <translation>危险规则(&amp;D)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search names, descriptions and content</source>
        <translation>搜索名称、描述和内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System scripts</source>
        <translation>系统脚本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User scripts</source>
        <translation>用户脚本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags (click several to narrow down)</source>
        <translation>标签（可点选多个以缩小范围）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a script from the library, create one with %1, or drop script files here to import them.</source>
        <translation>从脚本库中打开一个脚本，按 %1 新建脚本，或将脚本文件拖放到此处导入。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cannot read the script library: %1</source>
        <translation>无法读取脚本库：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Scripts: %1</source>
        <translation>共 %1 个脚本</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>New script, not saved yet</source>
        <translation>新脚本，尚未保存</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>untitled-%1</source>
        <translation>未命名-%1</translation>
    </message>
    <message numerus="yes">
        <location line="-44"/>
        <source>Showing %1 of %n script(s)</source>
        <translation>
            <numerusform>显示 %1 个，共 %n 个脚本</numerusform>
        </translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Cannot save “%1”: %2</source>
        <translation>无法保存“%1”：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved “%1” as version %2</source>
        <translation>已将“%1”保存为版本 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” has no changes to save</source>
        <translation>“%1”没有需要保存的更改</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>imported from %1</source>
        <translation>从 %1 导入</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Imported %n new script(s)</source>
        <translation>
            <numerusform>已导入 %n 个新脚本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n new version(s) of existing scripts</source>
        <translation>
            <numerusform>，以及已有脚本的 %n 个新版本</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; refused: %1</source>
        <translation>；已拒绝：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import Scripts</source>
        <translation>导入脚本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scripts (*.sh *.bash *.py *.pl *.pm);;All files (*)</source>
        <translation>脚本 (*.sh *.bash *.py *.pl *.pm);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+5"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported “%1” version %2 to %3</source>
        <translation>已将“%1”的版本 %2 导出到 %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save “%1” first: export writes a saved version.</source>
        <translation>请先保存“%1”：导出的是已保存的版本。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export Script</source>
        <translation>导出脚本</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1-copy</source>
        <translation>%1-副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clone Script</source>
        <translation>克隆脚本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of the copy of “%1”:</source>
        <translation>“%1”副本的名称：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot clone: %1</source>
        <translation>无法克隆：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rename Tag</source>
        <translation>重命名标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name for the tag “%1”:</source>
        <translation>标签“%1”的新名称：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot rename the tag: %1</source>
        <translation>无法重命名标签：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Renamed the tag “%1” to “%2” on %n script(s)</source>
        <translation>
            <numerusform>已在 %n 个脚本中将标签“%1”重命名为“%2”</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>Remove Tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Remove the tag “%1” from every script that carries it? The scripts stay.</source>
        <translation>从所有带有标签“%1”的脚本中移除该标签？脚本本身会保留。</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Removed the tag “%1” from %n script(s)</source>
        <translation>
            <numerusform>已从 %n 个脚本中移除标签“%1”</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Restored as version %1 of “%2”</source>
        <translation>已恢复为“%2”的版本 %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot save the danger rules: %1</source>
        <translation>无法保存危险规则：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Danger rules saved; open scripts were checked again</source>
        <translation>危险规则已保存，已打开的脚本已重新检查</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A draft could not be read and was kept in the workspace (%1): %2</source>
        <translation>有一份草稿无法读取，已保留在工作区中（%1）：%2</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message numerus="yes">
        <location filename="../backend-client/connect/SecretStore.cpp" line="+15"/>
        <source>the keychain did not answer within %n second(s)</source>
        <translation>
            <numerusform>密钥环在 %n 秒内没有应答</numerusform>
        </translation>
    </message>
    <message>
        <location line="+56"/>
        <source>no keychain is available (%1)</source>
        <translation>没有可用的密钥环（%1）</translation>
    </message>
</context>
<context>
    <name>ServerProbe</name>
    <message>
        <location filename="../backend-client/connect/ServerProbe.cpp" line="+93"/>
        <source>The server refused the token (401%1). Check that it was copied whole and has not expired or been revoked (opsdeck-server token list).</source>
        <translation>服务器拒绝了令牌（401%1）。请检查令牌是否完整复制、是否已过期或被吊销（opsdeck-server token list）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The TLS handshake with %1 failed: %2</source>
        <translation>与 %1 的 TLS 握手失败：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot reach %1: %2</source>
        <translation>无法访问 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 answered, but it is not an OpsDeck control server.</source>
        <translation>%1 有应答，但它不是 OpsDeck 控制服务器。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server answered HTTP %1%2.</source>
        <translation>服务器返回 HTTP %1%2。</translation>
    </message>
</context>
<context>
    <name>ServerProfile</name>
    <message>
        <location filename="../backend-client/connect/ServerProfile.cpp" line="+17"/>
        <source>no server URL given</source>
        <translation>没有填写服务器地址</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” is not a server URL (e.g. https://ops.example:8750)</source>
        <translation>“%1”不是服务器地址（例如 https://ops.example:8750）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the URL must start with https:// or http://</source>
        <translation>地址必须以 https:// 或 http:// 开头</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the URL names the server only: no user, query or fragment (the token goes below)</source>
        <translation>地址只写服务器：不要包含用户、查询或片段（令牌填在下面）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the URL must not have a path (“%1”)</source>
        <translation>地址不能包含路径（“%1”）</translation>
    </message>
</context>
<context>
    <name>SetGroupMembersCommand</name>
    <message>
        <location filename="../widgets/inventory/InventoryCommands.cpp" line="+195"/>
        <source>Add %1 to group %2</source>
        <translation>将 %1 加入分组 %2</translation>
    </message>
</context>
<context>
    <name>ShellCheck</name>
    <message>
        <location filename="../models/scripts/ShellCheck.cpp" line="+89"/>
        <source>ShellCheck is not installed: install it with `apt install shellcheck` to see its findings inline.</source>
        <translation>未安装 ShellCheck：使用 `apt install shellcheck` 安装后，即可在编辑器中直接看到检查结果。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../app/Startup.cpp" line="+117"/>
        <source>OpsDeck: an operator console for fleet operations.</source>
        <translation>OpsDeck：面向服务器集群运维的操作控制台。</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Open the workspace file PATH (created with a demo inventory if it does not exist).</source>
        <translation>打开工作区文件 PATH（不存在时自动创建，并附带演示主机清单）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>PATH</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Colour theme for this run: light, dark or system (follow the desktop).</source>
        <translation>本次运行使用的配色主题：light（浅色）、dark（深色）或 system（跟随桌面）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>THEME</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language: en or zh_CN.</source>
        <translation>界面语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LANG</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save a PNG of the main window to PATH shortly after startup, then quit (works with QT_QPA_PLATFORM=offscreen).</source>
        <translation>启动后稍候将主窗口截图保存为 PNG 到 PATH，然后退出（可配合 QT_QPA_PLATFORM=offscreen 使用）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PAGE</source>
        <translation>页面</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show PAGE first: inventory, scripts, templates, workflows, jobs or facts.</source>
        <translation>启动时显示的页面 PAGE：inventory、scripts、templates、workflows、jobs 或 facts。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type QUERY into the inventory search box at startup.</source>
        <translation>启动时在主机搜索框中输入 QUERY。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>QUERY</source>
        <translation>QUERY</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select HOST in the inventory at startup and show its details.</source>
        <translation>启动时在主机清单中选中 HOST 并显示其详情。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HOST</source>
        <translation>HOST</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The workspace file to open (the same as --workspace).</source>
        <translation>要打开的工作区文件（与 --workspace 相同）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>[WORKSPACE]</source>
        <translation>[工作区]</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>give one workspace file, either as --workspace PATH or as the only argument</source>
        <translation>请只给出一个工作区文件：用 --workspace PATH 或作为唯一的参数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown theme &apos;%1&apos; (expected light, dark or system)</source>
        <translation>未知主题“%1”（可选：light、dark 或 system）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown language &apos;%1&apos; (expected en or zh_CN)</source>
        <translation>未知语言“%1”（可选：en 或 zh_CN）</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>OpsDeck workspaces (*.opsdeck);;All files (*)</source>
        <translation>OpsDeck 工作区 (*.opsdeck);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create Workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open Workspace</source>
        <translation>打开工作区</translation>
    </message>
</context>
<context>
    <name>StartupErrorDialog</name>
    <message>
        <location filename="../widgets/common/StartupErrorDialog.cpp" line="+14"/>
        <source>Open Another Workspace…</source>
        <translation>打开其他工作区…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create New Workspace…</source>
        <translation>新建工作区…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot Open Workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>OpsDeck cannot open the workspace %1.</source>
        <translation>OpsDeck 无法打开工作区 %1。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The file has not been changed. Choose another workspace, create a new one, or quit.</source>
        <translation>该文件未被改动。请选择其他工作区、新建一个工作区，或退出。</translation>
    </message>
</context>
<context>
    <name>TagHostsCommand</name>
    <message>
        <location filename="../widgets/inventory/InventoryCommands.cpp" line="-59"/>
        <source>Tag %1 with %2</source>
        <translation>为 %1 添加标签 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove tag %1 from %2</source>
        <translation>从 %1 移除标签 %2</translation>
    </message>
</context>
<context>
    <name>TemplateEditorTab</name>
    <message>
        <location filename="../widgets/templates/TemplateEditorTab.cpp" line="+51"/>
        <source>group %1</source>
        <translation>分组 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>group_vars/%1</source>
        <translation>group_vars/%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>host_vars/%1</source>
        <translation>host_vars/%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the job</source>
        <translation>作业</translation>
    </message>
    <message>
        <location line="+272"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination:</source>
        <translation>目标路径：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode:</source>
        <translation>权限：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner:</source>
        <translation>属主：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>/etc/app/app.conf (picks the file syntax)</source>
        <translation>/etc/app/app.conf（决定文件语法）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>user:group</source>
        <translation>用户:组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What this file is for</source>
        <translation>此文件的用途</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview for:</source>
        <translation>预览主机：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undefined:</source>
        <translation>未定义变量：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>strict</source>
        <translation>严格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lenient</source>
        <translation>宽松</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chainable</source>
        <translation>可链式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>strict: an undefined variable is an error (as Ansible); lenient: it renders empty; chainable: also a.b.c of an undefined a renders empty</source>
        <translation>严格：未定义变量即报错（与 Ansible 相同）；宽松：渲染为空；可链式：未定义的 a 的 a.b.c 也渲染为空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare with:</source>
        <translation>对比主机：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A second host: the Compare tab shows both outputs side by side</source>
        <translation>第二台主机：“对比主机”标签页并排显示两者的输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare Hosts</source>
        <translation>对比主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables a run gives at launch (YAML), above every other layer: the preview and the comparison render with them, as a push with the same job variables will.</source>
        <translation>运行时给出的变量（YAML），优先于其他所有层：预览和对比都用它们渲染，与带相同作业变量的推送一致。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>release: 2.4.1
feature_flags: [a, b]</source>
        <translation>release: 2.4.1
feature_flags: [a, b]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note for the next version (optional)</source>
        <translation>下一版本的说明（可选）</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>No job variables: the preview renders with the host&apos;s variables only.</source>
        <translation>没有作业变量：预览只用主机的变量渲染。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>job variables</source>
        <translation>作业变量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — the preview ignores the job variables until this is fixed.</source>
        <translation>%1——修正之前，预览忽略这些作业变量。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Job Variables</source>
        <translation>作业变量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Job Variables (%1)</source>
        <translation>作业变量（%1）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>“%1” is not defined for %2; double-click to find its first use</source>
        <translation>“%1”在 %2 上未定义；双击可定位其首次使用处</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Undefined variables: none</source>
        <translation>未定义变量：无</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Undefined variables for %1: %n</source>
        <translation>
            <numerusform>%1 的未定义变量：%n 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (the preview shows the last successful render)</source>
        <translation>（预览显示的是上一次成功渲染的结果）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Job variables: %1 (the preview renders without them)</source>
        <translation>作业变量：%1（预览不使用它们渲染）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No host chosen (the inventory is empty?): the preview renders with no variables.</source>
        <translation>未选择主机（主机清单为空？）：预览在没有变量的情况下渲染。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rendered for %1 in %2 ms</source>
        <translation>已为 %1 渲染，用时 %2 毫秒</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&lt;b&gt;%1&lt;/b&gt; = %2&lt;br/&gt;for %3: set by OpsDeck for every host, as Ansible does</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; = %2&lt;br/&gt;对 %3：由 OpsDeck 为每台主机设置，与 Ansible 相同</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>for %1, from &lt;i&gt;the job variables&lt;/i&gt; of this preview (given at launch)</source>
        <translation>对于 %1，来自本预览的&lt;i&gt;作业变量&lt;/i&gt;（运行时给出）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;%1&lt;/b&gt; is not defined for %2 (unless the template sets it)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 在 %2 上未定义（除非模板自行设置）</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+14"/>
        <source>&lt;b&gt;%1&lt;/b&gt; = %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; = %2</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Above the host&apos;s variables: %1</source>
        <translation>优先于主机变量：%1</translation>
    </message>
    <message>
        <location line="+165"/>
        <location line="+14"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 has no such key</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 没有这个键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for %1, from %2</source>
        <translation>对 %1，来自 %2</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+16"/>
        <source>overrides %1: %2</source>
        <translation>覆盖了 %1：%2</translation>
    </message>
</context>
<context>
    <name>TemplateListModel</name>
    <message>
        <location filename="../models/templates/TemplateListModel.cpp" line="+106"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination</source>
        <translation>目标路径</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <location filename="../widgets/templates/TemplatesPage.cpp" line="+49"/>
        <source>Unsaved template drafts from the last session were kept.</source>
        <translation>上次会话中未保存的模板草稿已保留。</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>&amp;New Template</source>
        <translation>新建模板(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Template</source>
        <translation>打开模板(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save (New Version)</source>
        <translation>保存（新版本）(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close Tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History and Diff…</source>
        <translation>历史版本与差异(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Replace…</source>
        <translation>替换(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the Li&amp;brary</source>
        <translation>搜索脚本库(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render the &amp;Preview Again</source>
        <translation>重新渲染预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search names, destinations and content</source>
        <translation>搜索名称、目标路径和内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a template from the library or create one with %1. The preview renders it for any host of the inventory as you type.</source>
        <translation>从模板库中打开模板，或按 %1 新建。输入时，预览会为主机清单中的任意主机实时渲染。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cannot read the template library: %1</source>
        <translation>无法读取模板库：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Templates: %1</source>
        <translation>模板：%1</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>The job variables could not be kept in the workspace: %1</source>
        <translation>无法在工作区中保存这些作业变量：%1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>New template, not saved yet</source>
        <translation>新模板，尚未保存</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>untitled-%1</source>
        <translation>未命名-%1</translation>
    </message>
    <message numerus="yes">
        <location line="-75"/>
        <source>Showing %1 of %n template(s)</source>
        <translation>
            <numerusform>显示 %1 个，共 %n 个模板</numerusform>
        </translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Cannot save “%1”: %2</source>
        <translation>无法保存“%1”：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved “%1” as version %2</source>
        <translation>已将“%1”保存为版本 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” has no changes to save</source>
        <translation>“%1”没有需要保存的更改</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Restored as version %1 of “%2”</source>
        <translation>已恢复为“%2”的版本 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A draft could not be read and was kept in the workspace (%1): %2</source>
        <translation>有一份草稿无法读取，已保留在工作区中（%1）：%2</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <location filename="../widgets/jobs/TimelinePanel.cpp" line="+125"/>
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Target order</source>
        <translation>目标顺序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed first</source>
        <translation>失败优先</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slowest first</source>
        <translation>最慢优先</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host name</source>
        <translation>主机名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All hosts</source>
        <translation>全部主机</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Group by batch</source>
        <translation>按批次分组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom out (-, Ctrl+wheel)</source>
        <translation>缩小（-、Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>放大（+、Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole job (F)</source>
        <translation>显示整个作业（F）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag to see the job as it was at that moment</source>
        <translation>拖动查看作业在该时刻的状态</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play the job back from its events</source>
        <translation>根据作业事件回放作业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replay is for finished jobs</source>
        <translation>只能回放已结束的作业</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../widgets/jobs/TimelineView.cpp" line="+432"/>
        <source>Succeeded</source>
        <translation>已成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>执行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pending or not started</source>
        <translation>等待中或未开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped or cancelled</source>
        <translation>已跳过或已取消</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Not started yet</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step %1 · batch %2</source>
        <translation>步骤 %1 · 第 %2 批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch %1</source>
        <translation>第 %1 批</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>run %1</source>
        <translation>第 %1 次运行</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%1: %n host(s)</source>
        <translation>
            <numerusform>%1：%n 台主机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+161"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 台失败</numerusform>
        </translation>
    </message>
    <message>
        <location line="-157"/>
        <source>started %1</source>
        <translation>开始于 %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+12"/>
        <source>%1, exit %2</source>
        <translation>%1，退出码 %2</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Step %1</source>
        <translation>步骤 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step %1: %2</source>
        <translation>步骤 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>attempt %1</source>
        <translation>第 %1 次尝试</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2 – %3)</source>
        <translation>%1（%2 – %3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No job</source>
        <translation>无作业</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+179"/>
        <location line="+10"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="-189"/>
        <source>waiting for confirmation</source>
        <translation>等待确认</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 台主机</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Clock</source>
        <translation>时刻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elapsed</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+74"/>
        <location line="+9"/>
        <source>waiting between batches</source>
        <translation>批次间等待</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+18"/>
        <source>batch start</source>
        <translation>批次开始</translation>
    </message>
</context>
<context>
    <name>TlsPinStore</name>
    <message>
        <location filename="../backend-client/connect/TlsPinStore.cpp" line="+18"/>
        <source>The server %1 presented no TLS certificate.</source>
        <translation>服务器 %1 没有提供 TLS 证书。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The certificate of %1 is not trusted by the system (%2) and has not been pinned.

Subject: %3
SHA-256: %4</source>
        <translation>%1 的证书不受系统信任（%2），也尚未固定。

主体：%3
SHA-256：%4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The certificate of %1 has CHANGED since it was pinned, and the system does not trust the new one. Someone may be intercepting the connection, or the server got a new certificate.

Pinned SHA-256: %2
Presented SHA-256: %3
Subject: %4

Ask the server&apos;s administrator for the fingerprint of its current certificate. Only if it is the presented one, remove the line for %1 from %5 and connect again.</source>
        <translation>%1 的证书自固定以来已经改变，且系统不信任新证书。可能有人在拦截连接，也可能服务器换了新证书。

已固定的 SHA-256：%2
当前提供的 SHA-256：%3
主体：%4

请向服务器管理员索取其当前证书的指纹。只有当它与当前提供的一致时，才从 %5 中删除 %1 对应的行，然后重新连接。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>cannot read the pinned certificates: %1</source>
        <translation>无法读取已固定的证书：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>not a pin line (expected &quot;host:port SHA256HEX&quot;)</source>
        <translation>不是固定证书行（应为“host:port SHA256HEX”）</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+9"/>
        <source>cannot write the pinned certificates: %1</source>
        <translation>无法写入已固定的证书：%1</translation>
    </message>
</context>
<context>
    <name>VarCodec</name>
    <message>
        <location filename="../models/core/VarCodec.cpp" line="+856"/>
        <source>write a mapping of names to values, e.g. http_port: 8080</source>
        <translation>请写成“名称: 值”的映射，例如 http_port: 8080</translation>
    </message>
</context>
<context>
    <name>VariablesEditor</name>
    <message>
        <location filename="../widgets/inventory/VariablesEditor.cpp" line="+64"/>
        <source>Variables of group %1</source>
        <translation>分组 %1 的变量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Variables of host %1</source>
        <translation>主机 %1 的变量</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Variable layers, lowest precedence first: a later layer overrides an earlier one</source>
        <translation>变量层，优先级从低到高：后面的层覆盖前面的层</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Layers (YAML)</source>
        <translation>变量层（YAML）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write edited values to:</source>
        <translation>修改的值写入：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Double-click a value to change it (YAML: 8080, [a, b], {k: v}, text)</source>
        <translation>双击值进行修改（YAML：8080、[a, b]、{k: v}、文本）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved (flattened)</source>
        <translation>解析结果（展开）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>global (group all)</source>
        <translation>全局（分组 all）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>the layer that supplied the value</source>
        <translation>提供该值的层</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not applied yet</source>
        <translation>尚未应用</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>no host named %1</source>
        <translation>没有名为 %1 的主机</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no group named %1</source>
        <translation>没有名为 %1 的分组</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit variables of %1</source>
        <translation>编辑 %1 的变量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the variables of %1 were not saved</source>
        <translation>%1 的变量未保存</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Overrides %1</source>
        <translation>覆盖了 %1</translation>
    </message>
</context>
<context>
    <name>VersionHistoryDialog</name>
    <message>
        <location filename="../widgets/common/VersionHistoryDialog.cpp" line="+22"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>变更说明</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Restore This Version</source>
        <translation>恢复此版本(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the selected version again as the newest version (nothing is overwritten)</source>
        <translation>将选中的版本另存为最新版本（不会覆盖任何内容）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>History of “%1”</source>
        <translation>“%1”的历史版本</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Select one version to see what it changed, or two to compare them.</source>
        <translation>选择一个版本查看其改动，或选择两个版本进行比较。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version %1 — %2 — %3</source>
        <translation>版本 %1 — %2 — %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version 1 is the first version.</source>
        <translation>版本 1 是第一个版本。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Version %1 against version %2: %n change(s)</source>
        <translation>
            <numerusform>版本 %1 与版本 %2 对比：%n 处差异</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowLaunchQuestions</name>
    <message>
        <location filename="../app/WindowLaunchQuestions.cpp" line="+35"/>
        <source>The passphrase remembered for %1 no longer opens it and was forgotten. Its passphrase now:</source>
        <translation>为 %1 记住的口令已无法解开它，已被忘记。请输入现在的口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key %1 is encrypted. Its passphrase (kept in memory until OpsDeck closes):</source>
        <translation>密钥 %1 已加密。请输入其口令（仅保存在内存中，直到 OpsDeck 关闭）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That passphrase does not open %1. Try again:</source>
        <translation>该口令无法打开 %1，请重试：</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <location line="+6"/>
        <source>Key Passphrase</source>
        <translation>密钥口令</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+50"/>
        <source>Remember in the keychain</source>
        <translation>记在密钥环中</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+50"/>
        <source>Remember until OpsDeck quits (secrets are kept only until you quit: no keychain is available)</source>
        <translation>记住直到 OpsDeck 退出（机密信息只保留到退出为止：没有可用的系统密钥环）</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>The passphrase is used for this job but could not be remembered: %1</source>
        <translation>此口令已用于本次作业，但无法记住：%1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The vault password remembered for vault id %1 no longer opens its values and was forgotten. Its password now:</source>
        <translation>为 Vault ID %1 记住的 Vault 密码已无法解开其值，已被忘记。请输入它现在的密码：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Values of this job&apos;s hosts are encrypted with Ansible Vault (vault id %1). Its vault password (the values stay encrypted in the workspace; cancel to run without them):</source>
        <translation>此作业主机的部分值已用 Ansible Vault 加密（Vault ID %1）。请输入其 Vault 密码（这些值在工作区中仍保持加密；取消则不使用它们运行）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That password does not open the values of vault id %1. Try again:</source>
        <translation>该密码无法解开 Vault ID %1 的值。请重试：</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+6"/>
        <source>Ansible Vault Password</source>
        <translation>Ansible Vault 密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The password is used for this job but could not be remembered: %1</source>
        <translation>该密码已用于此作业，但无法记住：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unknown Host Key</source>
        <translation>未知的主机密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The host %1 (%2 port %3) presents a key that is not in %4:

%5 %6

Trust it and remember it? Answer No unless you can check the fingerprint.</source>
        <translation>主机 %1（%2 端口 %3）提供的密钥不在 %4 中：

%5 %6

信任并记住此密钥吗？除非能核对指纹，否则请选择“否”。</translation>
    </message>
</context>
<context>
    <name>WorkflowCanvas</name>
    <message>
        <location filename="../widgets/workflows/WorkflowCanvas.cpp" line="+258"/>
        <source>when %1</source>
        <translation>条件 %1</translation>
    </message>
</context>
<context>
    <name>WorkflowEditor</name>
    <message numerus="yes">
        <location filename="../widgets/workflows/WorkflowEditor.cpp" line="+163"/>
        <source>Move %n step(s)</source>
        <translation>
            <numerusform>移动 %n 个步骤</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Run…</source>
        <translation>运行…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the workflow: parameters, hosts and what will run first (F5)</source>
        <translation>运行工作流：先确认参数、主机和将要执行的内容（F5）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a new version (Ctrl+S)</source>
        <translation>保存为新版本（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tidy Layout</source>
        <translation>整理布局</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lay the steps out left to right by their order (Ctrl+L)</source>
        <translation>按先后顺序从左到右排列步骤（Ctrl+L）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole workflow (Ctrl+0)</source>
        <translation>显示整个工作流（Ctrl+0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Properties</source>
        <translation>属性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Drag onto the canvas, or press Enter to add it in the middle.</source>
        <translation>拖到画布上，或按 Enter 添加到画布中央。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>edge %1</source>
        <translation>连线 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Applied to the canvas.</source>
        <translation>已应用到画布。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit YAML</source>
        <translation>编辑 YAML</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add %1</source>
        <translation>添加%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Connect %1 to %2</source>
        <translation>连接 %1 到 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Delete %n edge(s)</source>
        <translation>
            <numerusform>删除 %n 条连线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n step(s)</source>
        <translation>
            <numerusform>删除 %n 个步骤</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+65"/>
        <source>Paste %n step(s)</source>
        <translation>
            <numerusform>粘贴 %n 个步骤</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Tidy layout</source>
        <translation>整理布局</translation>
    </message>
</context>
<context>
    <name>WorkflowProperties</name>
    <message>
        <location filename="../widgets/workflows/WorkflowProperties.cpp" line="+97"/>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Edit %1 of %2</source>
        <translation>编辑 %2 的 %1</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Id</source>
        <translation>标识</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>another node has the id &apos;%1&apos;</source>
        <translation>已有节点使用标识“%1”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rename %1 to %2</source>
        <translation>将 %1 重命名为 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(inline script below)</source>
        <translation>（使用下方的内联脚本）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Script</source>
        <translation>脚本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inline</source>
        <translation>内联脚本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interpreter</source>
        <translation>解释器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+258"/>
        <location line="+149"/>
        <source>comma-separated</source>
        <translation>以逗号分隔</translation>
    </message>
    <message>
        <location line="-405"/>
        <source>Run as</source>
        <translation>运行身份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the login user</source>
        <translation>登录用户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a local path</source>
        <translation>本地路径</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>Destination</source>
        <translation>目标路径</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+19"/>
        <source>Mode</source>
        <translation>权限</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+19"/>
        <source>Owner</source>
        <translation>属主</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>(choose a template)</source>
        <translation>（选择模板）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approvers</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>anyone who may run the workflow</source>
        <translation>任何可运行此工作流的人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time-out</source>
        <translation>超时</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+18"/>
        <location line="+23"/>
        <location line="+4"/>
        <location line="+204"/>
        <location line="+9"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="-254"/>
        <source>On time-out</source>
        <translation>超时后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fail the node</source>
        <translation>节点失败</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A comment is required</source>
        <translation>必须填写意见</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Probe</source>
        <translation>探测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP port open</source>
        <translation>TCP 端口可连</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTTP status</source>
        <translation>HTTP 状态码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSH reachable</source>
        <translation>SSH 可达</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expected status</source>
        <translation>期望状态码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give up after</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(choose a workflow)</source>
        <translation>（选择工作流）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+263"/>
        <source>Workflow</source>
        <translation>工作流</translation>
    </message>
    <message>
        <location line="-257"/>
        <source>Fires when</source>
        <translation>触发条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all incoming edges were taken</source>
        <translation>所有入边均已走过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any incoming edge was taken</source>
        <translation>任一入边已走过</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Their nodes must have</source>
        <translation>其来源节点须已</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completed (succeeded or failed)</source>
        <translation>完成（成功或失败均可）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>the hosts that succeeded in %1</source>
        <translation>在 %1 中成功的主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the hosts that failed in %1</source>
        <translation>在 %1 中失败的主机</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>depends on the parameters given at launch</source>
        <translation>取决于启动时给出的参数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the query does not parse: %1</source>
        <translation>查询无法解析：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n host(s)</source>
        <translation>
            <numerusform>%n 台主机</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the workflow&apos;s targets: %1</source>
        <translation>工作流的目标：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>all hosts at once</source>
        <translation>所有主机同时执行</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>batches of %1</source>
        <translation>每批 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the query, groups and hosts below</source>
        <translation>下方的查询、分组和主机</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hosts that succeeded in %1</source>
        <translation>在 %1 中成功的主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hosts that failed in %1</source>
        <translation>在 %1 中失败的主机</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+167"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty: the workflow&apos;s targets</source>
        <translation>留空：使用工作流的目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+149"/>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Rolling</source>
        <translation>滚动执行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Stop at</source>
        <translation>停止条件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>first, 3, 10%, continue</source>
        <translation>first、3、10%、continue</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time-out per host</source>
        <translation>单台主机超时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hosts at once</source>
        <translation>并发主机数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retries</source>
        <translation>重试次数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Between retries</source>
        <translation>重试间隔</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edge %1 → %2</source>
        <translation>连线 %1 → %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit edge %1</source>
        <translation>编辑连线 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Taken</source>
        <translation>走向</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A Jinja2 expression over params.NAME and nodes.ID (succeeded, failed, succeeded_hosts, failed_hosts); empty: always true.</source>
        <translation>基于 params.NAME 和 nodes.ID（succeeded、failed、succeeded_hosts、failed_hosts）的 Jinja2 表达式；留空表示始终为真。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none (add them in the YAML tab)</source>
        <translation>无（在 YAML 标签页中添加）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — edit them in the YAML tab</source>
        <translation> —— 在 YAML 标签页中编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag a step from the palette onto the canvas; drag from a step&apos;s coloured port onto another step to connect them (green: on success, red: on failure, grey: always).</source>
        <translation>从左侧面板把步骤拖到画布上；从步骤的彩色端口拖到另一个步骤即可连接（绿色：成功时，红色：失败时，灰色：总是）。</translation>
    </message>
</context>
<context>
    <name>WorkflowRunDialog</name>
    <message>
        <location filename="../widgets/workflows/WorkflowRunDialog.cpp" line="+29"/>
        <source>Run Workflow “%1”</source>
        <translation>运行工作流“%1”</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the workflow&apos;s targets</source>
        <translation>工作流的目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the workflow&apos;s targets: %1</source>
        <translation>工作流的目标：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>every step succeeds</source>
        <translation>所有步骤都成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” fails</source>
        <translation>“%1”失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What if</source>
        <translation>假如</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wave</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>变更说明</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What will run (nothing is touched before Run):</source>
        <translation>将要执行的内容（点击“运行”之前不会改动任何主机）：</translation>
    </message>
    <message>
        <location line="+75"/>
        <location line="+5"/>
        <source>hosts: %1</source>
        <translation>主机：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>runs</source>
        <translation>执行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fails</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n host(s); the workflow would end %1.</source>
        <translation>
            <numerusform>%n 台主机；工作流将以“%1”结束。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>WorkflowRunner</name>
    <message>
        <location filename="../backend-client/remote-workflows/RemoteWorkflowRunner.cpp" line="+20"/>
        <source>the connection to the server was closed</source>
        <translation>与服务器的连接已关闭</translation>
    </message>
    <message>
        <location filename="../backend-client/workflows/WorkflowRunner.cpp" line="+102"/>
        <source>a workflow run is followed live only by the program that runs it</source>
        <translation>只有运行工作流的程序才能实时跟踪它的运行</translation>
    </message>
</context>
<context>
    <name>WorkflowText</name>
    <message>
        <location filename="../widgets/workflows/WorkflowText.cpp" line="+9"/>
        <source>Run script</source>
        <translation>执行脚本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Push file</source>
        <translation>推送文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Push template</source>
        <translation>推送模板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run locally</source>
        <translation>本地运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval</source>
        <translation>审批</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Probe</source>
        <translation>探测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gather facts</source>
        <translation>采集主机信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sub-workflow</source>
        <translation>子工作流</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Join</source>
        <translation>汇合</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Runs a library script (or inline text) on the target hosts, in rolling batches.</source>
        <translation>在目标主机上分批滚动运行脚本库中的脚本（或内联脚本）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies a local file to a path on the target hosts.</source>
        <translation>把本地文件复制到目标主机上的路径。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Renders a library template for each host and pushes it.</source>
        <translation>为每台主机渲染模板库中的模板并推送。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Runs a command on the machine that runs the workflow (a DNS change, an API call).</source>
        <translation>在运行工作流的机器上执行命令（如修改 DNS、调用 API）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waits until a person approves or rejects, with a comment.</source>
        <translation>等待有人批准或拒绝，并附意见。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waits for a number of seconds.</source>
        <translation>等待若干秒。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checks each host answers (TCP port, HTTP status or SSH) until a deadline.</source>
        <translation>在截止时间前检查每台主机是否应答（TCP 端口、HTTP 状态码或 SSH）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reads and stores the facts of the target hosts (OS, packages, services …), so that later nodes&apos; targets and templates see them.</source>
        <translation>读取并保存目标主机的信息（操作系统、软件包、服务……），供后续节点的目标与模板使用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Runs another workflow of the workspace.</source>
        <translation>运行工作区中的另一个工作流。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Goes on when all (or any) of its incoming edges were taken.</source>
        <translation>当所有（或任一）入边走过后继续。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>On success</source>
        <translation>成功时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On failure</source>
        <translation>失败时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Always</source>
        <translation>总是</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>inline script</source>
        <translation>内联脚本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no destination yet</source>
        <translation>尚未设置目标路径</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no template yet</source>
        <translation>尚未选择模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no command yet</source>
        <translation>尚未设置命令</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>times out after %n s</source>
        <translation>
            <numerusform>%n 秒后超时</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waits for a person</source>
        <translation>等待人工处理</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no workflow yet</source>
        <translation>尚未选择工作流</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>facts of the hosts</source>
        <translation>主机信息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all succeeded</source>
        <translation>全部成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all completed</source>
        <translation>全部完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any succeeded</source>
        <translation>任一成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any completed</source>
        <translation>任一完成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · batches %1</source>
        <translation> · 批次 %1</translation>
    </message>
</context>
<context>
    <name>WorkflowsPage</name>
    <message>
        <location filename="../widgets/workflows/WorkflowsPage.cpp" line="+170"/>
        <location line="+4"/>
        <source>Cancel Workflow</source>
        <translation>取消工作流</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Cancel “%1”? Running steps are cancelled (their hosts in flight end as cancelled); nothing after them starts.</source>
        <translation>取消“%1”？正在运行的步骤将被取消（执行中的主机以“已取消”结束）；之后的步骤都不会开始。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your comment (recorded with your name):</source>
        <translation>你的意见（与你的名字一并记录）：</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+26"/>
        <source>Unsaved changes: Ctrl+S saves a new version.</source>
        <translation>有未保存的修改：按 Ctrl+S 保存为新版本。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New Workflow</source>
        <translation>新建工作流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version History…</source>
        <translation>版本历史…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare the saved versions of this workflow and restore one</source>
        <translation>比较此工作流已保存的各个版本，并恢复其中一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel…</source>
        <translation>取消…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry Step</source>
        <translation>重试步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try the selected step&apos;s failed hosts again and go on from there</source>
        <translation>重试所选步骤中失败的主机，并从那里继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-run From Step</source>
        <translation>从此步骤重新运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the selected step again from scratch, and everything after it</source>
        <translation>从头重新运行所选步骤及其之后的所有步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Job</source>
        <translation>打开作业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected step&apos;s job: hosts, output, timeline (or double-click the step)</source>
        <translation>所选步骤的作业：主机、输出、时间线（或双击该步骤）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to Editing</source>
        <translation>返回编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The workflows of the server %1: saving writes a version there, runs run there. Also from a shell: opsdeck-cli --server URL workflow list | import FILE.yml | run NAME.</source>
        <translation>服务器 %1 上的工作流：保存会在服务器上写入新版本，运行也在服务器上进行。也可在命令行中使用：opsdeck-cli --server URL workflow list | import FILE.yml | run NAME。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also from a shell: opsdeck-cli workflow import FILE.yml | export NAME | validate FILE.yml.</source>
        <translation>也可在命令行中使用：opsdeck-cli workflow import FILE.yml | export NAME | validate FILE.yml。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The workflows cannot be read: %1</source>
        <translation>无法读取工作流：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1
%n step(s) · version %2</source>
        <translation>
            <numerusform>%1
%n 个步骤 · 版本 %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No workflows yet: New Workflow starts one; drag steps onto the canvas.</source>
        <translation>尚无工作流：点击“新建工作流”，再把步骤拖到画布上。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The workflow cannot be read: %1</source>
        <translation>无法读取工作流：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Version %1, saved %2 by %3.</source>
        <translation>版本 %1，由 %3 于 %2 保存。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unsaved Workflow</source>
        <translation>工作流未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” has unsaved changes. Save them as a new version?</source>
        <translation>“%1”有未保存的修改。是否保存为新版本？</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>New workflow</source>
        <translation>新工作流</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New workflow %1</source>
        <translation>新工作流 %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A new workflow: drag steps from the palette onto the canvas, then Ctrl+S.</source>
        <translation>新工作流：把步骤从左侧面板拖到画布上，然后按 Ctrl+S。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not saved: the name %1</source>
        <translation>未保存：名称%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not saved: no workspace is open.</source>
        <translation>未保存：没有打开的工作区。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not saved: a workflow named “%1” exists already.</source>
        <translation>未保存：已存在名为“%1”的工作流。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not saved: the server refuses a workflow with problems:
%1</source>
        <translation>未保存：服务器拒绝有问题的工作流：
%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saved as version %1.</source>
        <translation>已保存为版本 %1。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Saved as version %1, with %n problem(s) to fix before it can run.</source>
        <translation>
            <numerusform>已保存为版本 %1，运行前还需修复 %n 个问题。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Version %1 restored as version %2.</source>
        <translation>已将版本 %1 恢复为版本 %2。</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Workflows cannot run here: no job history is open.</source>
        <translation>此处无法运行工作流：没有打开的作业记录。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save the workflow first (Ctrl+S): a run runs a saved version.</source>
        <translation>请先保存工作流（Ctrl+S）：运行的是已保存的版本。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The workflow did not start: %1</source>
        <translation>工作流未启动：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+266"/>
        <source>no job history is open</source>
        <translation>没有打开的作业记录</translation>
    </message>
    <message>
        <location line="-263"/>
        <source>it is running already</source>
        <translation>它已在运行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>save it first (Ctrl+S)</source>
        <translation>请先保存（Ctrl+S）</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>it has %n problem(s), the first: %1</source>
        <translation>
            <numerusform>它有 %n 个问题，第一个：%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+31"/>
        <source>no run is shown</source>
        <translation>没有显示的运行</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>running on %n host(s)</source>
        <translation>
            <numerusform>正在 %n 台主机上运行</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waiting for approval</source>
        <translation>等待审批</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n host(s) ok</source>
        <translation>
            <numerusform>%n 台主机成功</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ok, %2 failed</source>
        <translation>%1 成功，%2 失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · attempt %1</source>
        <translation> · 第 %1 次</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Running, started by %1.</source>
        <translation>运行中，由 %1 启动。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for an approval of “%1”%2</source>
        <translation>等待审批“%1”%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Paused: no step starts until Resume; running jobs are paused.</source>
        <translation>已暂停：在“继续”之前不会开始任何步骤；正在运行的作业已暂停。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Succeeded.</source>
        <translation>已成功。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed%1</source>
        <translation>失败%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interrupted.</source>
        <translation>已中断。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run of %1 by %2: %3</source>
        <translation>%2 于 %1 的运行：%3</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>kept editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The run cannot be read: %1</source>
        <translation>无法读取该运行：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The run cannot be shown: %1</source>
        <translation>无法显示该运行：%1</translation>
    </message>
</context>
</TS>
