<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name />
    <message>
        <location filename="../models/AnsibleInventory.cpp" line="+977" />
        <source>host pattern '%1' has a '[' without a matching ']' (or a '|')</source>
        <translation>主机模式“%1”中的“[”缺少匹配的“]”（或“|”）</translation>
    </message>
    <message>
        <location line="+6" />
        <source>host range must be begin:end or begin:end:step, got [%1]</source>
        <translation>主机范围必须是 begin:end 或 begin:end:step 形式，实际为 [%1]</translation>
    </message>
    <message>
        <location line="+9" />
        <source>host range must specify end value, got [%1]</source>
        <translation>主机范围必须指定结束值，实际为 [%1]</translation>
    </message>
    <message>
        <location line="+6" />
        <source>host range must specify equal-length begin and end formats, got [%1]</source>
        <translation>主机范围的起始值和结束值格式必须等长，实际为 [%1]</translation>
    </message>
    <message>
        <location line="+12" />
        <source>host range must have begin &lt;= end, got [%1]</source>
        <translation>主机范围必须满足 begin &lt;= end，实际为 [%1]</translation>
    </message>
    <message>
        <location line="+15" />
        <source>host range [%1] is neither numeric nor a letter range</source>
        <translation>主机范围 [%1] 既不是数字范围也不是字母范围</translation>
    </message>
    <message>
        <location line="+3" />
        <source>host range step must not be zero, got [%1]</source>
        <translation>主机范围的步长不能为零，实际为 [%1]</translation>
    </message>
    <message>
        <location line="+7" />
        <source>host range [%1] expands to too many hosts</source>
        <translation>主机范围 [%1] 展开后的主机数量过多</translation>
    </message>
    <message>
        <location line="+25" />
        <source>host pattern '%1' expands to too many hosts</source>
        <translation>主机模式“%1”展开后的主机数量过多</translation>
    </message>
    <message>
        <location line="+98" />
        <source>invalid empty host name</source>
        <translation>主机名不能为空</translation>
    </message>
    <message>
        <location line="+61" />
        <source>can't add group '%1' to itself</source>
        <translation>不能将分组“%1”添加为它自己的子分组</translation>
    </message>
    <message>
        <location line="+7" />
        <source>adding group '%1' as child to '%2' creates a recursive dependency loop</source>
        <translation>将分组“%1”添加为“%2”的子分组会造成循环依赖</translation>
    </message>
    <message>
        <location line="+23" />
        <source>%1 is not a known host nor group</source>
        <translation>%1 既不是已知的主机，也不是已知的分组</translation>
    </message>
    <message>
        <location line="+27" />
        <source>ansible_group_priority of group '%1' must be an integer, got %2</source>
        <translation>分组“%1”的 ansible_group_priority 必须是整数，实际为 %2</translation>
    </message>
    <message>
        <location line="+88" />
        <location line="+53" />
        <source>this line is not valid UTF-8</source>
        <translation>该行不是有效的 UTF-8</translation>
    </message>
    <message>
        <location line="-47" />
        <source>the file is not valid UTF-8</source>
        <translation>该文件不是有效的 UTF-8</translation>
    </message>
    <message>
        <location line="+82" />
        <location line="+907" />
        <location line="+17" />
        <source>import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <location line="-908" />
        <source>section [%1:%2] has unknown type: %2 (expected hosts, children or vars)</source>
        <translation>节 [%1:%2] 的类型未知：%2（应为 hosts、children 或 vars）</translation>
    </message>
    <message>
        <location line="+27" />
        <source>invalid section entry: '%1'. Expected [group], [group:vars] or [group:children] with no spaces or other invalid characters</source>
        <translation>无效的节标题：“%1”。应为 [group]、[group:vars] 或 [group:children]，且不含空格或其他非法字符</translation>
    </message>
    <message>
        <location line="+12" />
        <source>expected key=value, got: %1</source>
        <translation>应为 key=value，实际为：%1</translation>
    </message>
    <message>
        <location line="+15" />
        <source>expected group name, got: %1</source>
        <translation>应为分组名，实际为：%1</translation>
    </message>
    <message>
        <location line="+26" />
        <source>section [%1:vars] is not valid for undefined group %1 (expected a [%1] or [%1:children] section too)</source>
        <translation>节 [%1:vars] 对应的分组 %1 未定义（还需要一个 [%1] 或 [%1:children] 节）</translation>
    </message>
    <message>
        <location line="+5" />
        <source>section [%1:children] includes undefined group %2 (expected a [%2] or [%2:children] section)</source>
        <translation>节 [%1:children] 包含未定义的分组 %2（需要一个 [%2] 或 [%2:children] 节）</translation>
    </message>
    <message>
        <location line="+13" />
        <source>%1 is not a known group</source>
        <translation>%1 不是已知的分组</translation>
    </message>
    <message>
        <location line="+45" />
        <source>unhashable type used as a dictionary key in value: %1</source>
        <translation>值中使用了不可哈希的类型作为字典键：%1</translation>
    </message>
    <message>
        <location line="+9" />
        <source>error parsing host definition '%1': %2</source>
        <translation>解析主机定义“%1”出错：%2</translation>
    </message>
    <message>
        <location line="+3" />
        <source>expected a host name, got: %1</source>
        <translation>应为主机名，实际为：%1</translation>
    </message>
    <message>
        <location line="+10" />
        <source>invalid host pattern '%1': ending in ':' is not allowed, this character is reserved to provide a port</source>
        <translation>无效的主机模式“%1”：不能以“:”结尾，该字符用于指定端口</translation>
    </message>
    <message>
        <location line="+7" />
        <source>invalid host pattern '%1': '---' is normally a sign this is a YAML file</source>
        <translation>无效的主机模式“%1”：“---”通常说明这是一个 YAML 文件</translation>
    </message>
    <message>
        <location line="+9" />
        <source>expected key=value host variable assignment, got: %1</source>
        <translation>应为 key=value 形式的主机变量赋值，实际为：%1</translation>
    </message>
    <message>
        <location line="+87" />
        <source>YAML nested too deeply</source>
        <translation>YAML 嵌套层级过深</translation>
    </message>
    <message>
        <location line="+52" />
        <source>a mapping key must be a scalar</source>
        <translation>映射的键必须是标量</translation>
    </message>
    <message>
        <location line="+96" />
        <source>invalid group name %1: expected a string</source>
        <translation>无效的分组名 %1：应为字符串</translation>
    </message>
    <message>
        <location line="+4" />
        <source>invalid empty group name</source>
        <translation>分组名不能为空</translation>
    </message>
    <message>
        <location line="+18" />
        <source>invalid "%1" entry for "%2" group: expected a mapping, found a %3</source>
        <translation>分组“%2”的“%1”项无效：应为映射，实际为 %3</translation>
    </message>
    <message>
        <location line="+51" />
        <source>host pattern %1 must be a string; enclose integers and floats in quotation marks</source>
        <translation>主机模式 %1 必须是字符串；整数和浮点数请用引号括起来</translation>
    </message>
    <message>
        <location line="+20" />
        <source>invalid variables for host %1: expected a mapping, got a list</source>
        <translation>主机 %1 的变量无效：应为映射，实际为列表</translation>
    </message>
    <message>
        <location line="+9" />
        <source>invalid variables for host %1: expected a mapping, got: %2</source>
        <translation>主机 %1 的变量无效：应为映射，实际为：%2</translation>
    </message>
    <message>
        <location line="+78" />
        <source>not a YAML mapping</source>
        <translation>不是 YAML 映射</translation>
    </message>
    <message>
        <location line="+12" />
        <location line="+200" />
        <source>malformed YAML: %1</source>
        <translation>YAML 格式错误：%1</translation>
    </message>
    <message>
        <location line="-190" />
        <source>this is an inventory plugin configuration, not an inventory: dynamic inventory plugins are not supported</source>
        <translation>这是清单插件配置，而不是主机清单：不支持动态清单插件</translation>
    </message>
    <message>
        <location line="+31" />
        <source>a YAML inventory must be a mapping of groups</source>
        <translation>YAML 主机清单必须是分组的映射</translation>
    </message>
    <message>
        <location line="+141" />
        <source>cannot read variables file: %1</source>
        <translation>无法读取变量文件：%1</translation>
    </message>
    <message>
        <location line="+33" />
        <source>a variables file must hold a mapping of variable names to values</source>
        <translation>变量文件必须是变量名到值的映射</translation>
    </message>
    <message>
        <location line="+77" />
        <source>cannot read inventory file: %1</source>
        <translation>无法读取主机清单文件：%1</translation>
    </message>
    <message>
        <location line="+669" />
        <source>cannot write file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
</context>
<context>
    <name>AnsibleInventory</name>
    <message>
        <location line="+42" />
        <source>no such file or directory</source>
        <translation>文件或目录不存在</translation>
    </message>
    <message>
        <location line="+72" />
        <source>the directory is not empty; choose an empty or new directory</source>
        <translation>目录不为空；请选择一个空目录或新目录</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+16" />
        <source>cannot create the directory</source>
        <translation>无法创建目录</translation>
    </message>
</context>
<context>
    <name>BackendInfo</name>
    <message>
        <location filename="../backend-client/BackendInfo.cpp" line="+11" />
        <source>Server %1</source>
        <translation>服务器 %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Direct SSH</source>
        <translation>直连 SSH</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../widgets/CommandPalette.cpp" line="+100" />
        <location line="+169" />
        <source>Type a command…</source>
        <translation>输入命令…</translation>
    </message>
    <message>
        <location line="-84" />
        <source>Not available right now</source>
        <translation>当前不可用</translation>
    </message>
</context>
<context>
    <name>DeleteGroupCommand</name>
    <message>
        <location filename="../widgets/InventoryCommands.cpp" line="+422" />
        <source>Delete group %1</source>
        <translation>删除分组 %1</translation>
    </message>
</context>
<context>
    <name>DeleteHostsCommand</name>
    <message>
        <location line="-278" />
        <source>Delete host %1</source>
        <translation>删除主机 %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete %1 hosts</source>
        <translation>删除 %1 台主机</translation>
    </message>
</context>
<context>
    <name>EditGroupCommand</name>
    <message>
        <location line="+233" />
        <source>Edit group %1</source>
        <translation>编辑分组 %1</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <location filename="../widgets/GroupDialog.cpp" line="+19" />
        <source>New Group</source>
        <translation>新建分组</translation>
    </message>
    <message>
        <location line="+7" />
        <source>e.g. js_mongodb</source>
        <translation>例如 js_mongodb</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The priority class of the group's variables: IDC &lt; set &lt; custom</source>
        <translation>分组变量的优先级类别：机房 &lt; 集群 &lt; 自定义</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <location line="+12" />
        <source>&amp;Parent:</source>
        <translation>上级分组(&amp;P)：</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Enter a group name.</source>
        <translation>请输入分组名称。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Use letters, digits, '_', '-' and '.' only (Ansible group names).</source>
        <translation>只能使用字母、数字、“_”、“-”和“.”（Ansible 分组名规则）。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A group named %1 already exists.</source>
        <translation>名为 %1 的分组已存在。</translation>
    </message>
</context>
<context>
    <name>GroupPropertiesDialog</name>
    <message>
        <location filename="../widgets/GroupPropertiesDialog.cpp" line="+20" />
        <source>Group %1</source>
        <translation>分组 %1</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+1" />
        <source>IDC (data centre)</source>
        <translation>机房（IDC）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set (cluster)</source>
        <translation>集群（set）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>ansible_group_priority: among groups of the same depth, a higher priority applies later and wins.</source>
        <translation>ansible_group_priority：同一层级的分组中，优先级高的后应用、覆盖其他分组。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Priority:</source>
        <translation>优先级(&amp;P)：</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Variables:</source>
        <translation>变量(&amp;V)：</translation>
    </message>
    <message>
        <location line="+3" />
        <source>group_vars/%1 also sets %2 variable(s); they apply after these.</source>
        <translation>group_vars/%1 还设置了 %2 个变量，会在这些变量之后应用。</translation>
    </message>
    <message>
        <location line="+19" />
        <source>variables</source>
        <translation>变量</translation>
    </message>
</context>
<context>
    <name>GroupTreeModel</name>
    <message>
        <location filename="../models/GroupTreeModel.cpp" line="+218" />
        <source>IDC</source>
        <translation>机房</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Set</source>
        <translation>集群</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Every host of the inventory</source>
        <translation>主机清单中的全部主机</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Hosts that are in no group</source>
        <translation>不属于任何分组的主机</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 group %2</source>
        <translation>%1分组 %2</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
</context>
<context>
    <name>HostDetailsPanel</name>
    <message>
        <location filename="../widgets/HostDetailsPanel.cpp" line="+24" />
        <source>group %1</source>
        <translation>分组 %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>group_vars/%1</source>
        <translation>group_vars/%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>host_vars/%1</source>
        <translation>host_vars/%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>job</source>
        <translation>作业</translation>
    </message>
    <message>
        <location line="+20" />
        <location line="+61" />
        <source>Select a host to see its details and variables.</source>
        <translation>选择一台主机，查看其详情和变量。</translation>
    </message>
    <message>
        <location line="-42" />
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>SSH port:</source>
        <translation>SSH 端口：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>SSH user:</source>
        <translation>SSH 用户：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>IDC:</source>
        <translation>机房：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Business:</source>
        <translation>业务：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Environment:</source>
        <translation>环境：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Groups:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Member of:</source>
        <translation>所属分组：</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Every group the host is in, including parents of its groups</source>
        <translation>主机所在的全部分组，包括其分组的上级分组</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Resolved variables with the layer that supplied each; overridden values are shown greyed below the value that won</source>
        <translation>解析后的变量及其来源层级；被覆盖的值以灰色显示在生效值下方</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Resolved variables</source>
        <translation>解析后的变量</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Host variables (YAML)</source>
        <translation>主机变量（YAML）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+8" />
        <source>%1 hosts selected.</source>
        <translation>已选择 %1 台主机。</translation>
    </message>
    <message>
        <location line="+26" />
        <source>overridden</source>
        <translation>已被覆盖</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Overridden by %1</source>
        <translation>被 %1 覆盖</translation>
    </message>
    <message>
        <location line="+15" />
        <source>no variables of its own</source>
        <translation>没有自己的变量</translation>
    </message>
</context>
<context>
    <name>HostEditDialog</name>
    <message>
        <location filename="../widgets/HostEditDialog.cpp" line="+63" />
        <source>Edit Host %1</source>
        <translation>编辑主机 %1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Add Host</source>
        <translation>添加主机</translation>
    </message>
    <message>
        <location line="+11" />
        <source>e.g. web01.js</source>
        <translation>例如 web01.js</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+3" />
        <source>IP address or DNS name (default: the name)</source>
        <translation>IP 地址或域名（默认：主机名）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+3" />
        <source>default (22)</source>
        <translation>默认（22）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>SSH &amp;port:</source>
        <translation>SSH 端口(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>default from SSH config</source>
        <translation>默认取自 SSH 配置</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SSH &amp;user:</source>
        <translation>SSH 用户(&amp;U)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;IDC:</source>
        <translation>机房(&amp;I)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Business:</source>
        <translation>业务(&amp;B)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Environment:</source>
        <translation>环境(&amp;E)：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location line="+3" />
        <source>comma-separated, e.g. mongodb, canary</source>
        <translation>以逗号分隔，例如 mongodb, canary</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Filter groups</source>
        <translation>筛选分组</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Groups:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The host's own variables as a YAML mapping. Address, port, user, IDC, business, environment, status and tags are the fields above.</source>
        <translation>主机自身的变量（YAML 映射）。地址、端口、用户、机房、业务、环境、状态和标签在上方的字段中填写。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Variables:</source>
        <translation>变量(&amp;V)：</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Enter a host name.</source>
        <translation>请输入主机名。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A host name cannot contain spaces, commas or brackets.</source>
        <translation>主机名不能包含空格、逗号或括号。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A host named %1 already exists; choose another name.</source>
        <translation>名为 %1 的主机已存在，请换一个名称。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>variables</source>
        <translation>变量</translation>
    </message>
</context>
<context>
    <name>HostTableModel</name>
    <message>
        <location filename="../models/HostTableModel.cpp" line="+334" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+2" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+2" />
        <source>IDC</source>
        <translation>机房</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Business</source>
        <translation>业务</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Env</source>
        <translation>环境</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Groups</source>
        <translation>分组</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../widgets/ImportDialog.cpp" line="+33" />
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reading inventory…</source>
        <translation>正在读取主机清单…</translation>
    </message>
    <message>
        <location line="+26" />
        <location line="+2" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Import Ansible Inventory</source>
        <translation>导入 Ansible 主机清单</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose an Ansible inventory file (INI or YAML) or a directory holding one with its group_vars/ and host_vars/. Hosts and groups are merged into the workspace; imported values win.</source>
        <translation>选择一个 Ansible 主机清单文件（INI 或 YAML），或包含清单及其 group_vars/、host_vars/ 的目录。主机和分组将合并到工作区中，导入的值优先。</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Path of an inventory file or directory</source>
        <translation>主机清单文件或目录的路径</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;File…</source>
        <translation>文件(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Directory…</source>
        <translation>目录(&amp;D)…</translation>
    </message>
    <message>
        <location line="+20" />
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Inventory File</source>
        <translation>主机清单文件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ansible inventories (*.ini *.yml *.yaml hosts inventory);;All files (*)</source>
        <translation>Ansible 主机清单 (*.ini *.yml *.yaml hosts inventory);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Inventory Directory</source>
        <translation>主机清单目录</translation>
    </message>
    <message>
        <location line="+42" />
        <source>%1 does not exist. Choose an inventory file or directory.</source>
        <translation>%1 不存在。请选择主机清单文件或目录。</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Import cancelled; the workspace is unchanged.</source>
        <translation>导入已取消，工作区未做任何更改。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Nothing was imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
</context>
<context>
    <name>InventoryCommand</name>
    <message>
        <location filename="../widgets/InventoryCommands.cpp" line="-320" />
        <source>1 host</source>
        <translation>1 台主机</translation>
    </message>
    <message>
        <location line="+0" />
        <source>%1 hosts</source>
        <translation>%1 台主机</translation>
    </message>
    <message>
        <location line="+10" />
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Undo of %1 failed: %2</source>
        <translation>撤销“%1”失败：%2</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../widgets/InventoryPage.cpp" line="+104" />
        <source>Search hosts: web  10.1.*  idc:js  tag:mongodb,redis  -status:retired  group:web</source>
        <translation>搜索主机：web  10.1.*  idc:js  tag:mongodb,redis  -status:retired  group:web</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+403" />
        <source>Terms are ANDed; a comma inside a value means OR; a leading '-' negates.
Fields: name, ip, idc, biz, env, status, tag, group.</source>
        <translation>多个条件之间为“与”关系；值中的逗号表示“或”；开头的“-”表示取反。
字段：name（名称）、ip、idc（机房）、biz（业务）、env（环境）、status（状态）、tag（标签）、group（分组）。</translation>
    </message>
    <message>
        <location line="-401" />
        <source>Search hosts</source>
        <translation>搜索主机</translation>
    </message>
    <message>
        <location line="+33" />
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+88" />
        <location line="+106" />
        <source>Loading inventory…</source>
        <translation>正在加载主机清单…</translation>
    </message>
    <message>
        <location line="-77" />
        <source>&amp;Import Ansible Inventory…</source>
        <translation>导入 Ansible 主机清单(&amp;I)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Add Host…</source>
        <translation>添加主机(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Edit Host…</source>
        <translation>编辑主机(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete the selected hosts (or the selected group when the group tree has focus)</source>
        <translation>删除选中的主机（焦点在分组树上时删除选中的分组）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete Selected &amp;Hosts…</source>
        <translation>删除选中的主机(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add &amp;Tag to Selected Hosts…</source>
        <translation>为选中的主机添加标签(&amp;T)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Remove Tag from Selected Hosts…</source>
        <translation>从选中的主机移除标签(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove Selected Hosts from &amp;Group</source>
        <translation>将选中的主机移出分组(&amp;G)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New &amp;Group…</source>
        <translation>新建分组(&amp;G)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Edit Group (Kind, Priority, Variables)…</source>
        <translation>编辑分组（类型、优先级、变量）…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete Group…</source>
        <translation>删除分组…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Find Hosts</source>
        <translation>查找主机(&amp;F)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Clear Search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Re&amp;load Inventory</source>
        <translation>重新加载主机清单(&amp;L)</translation>
    </message>
    <message>
        <location line="+59" />
        <source>Cannot load the inventory: %1</source>
        <translation>无法加载主机清单：%1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cannot load the inventory</source>
        <translation>无法加载主机清单</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <location line="+153" />
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+137" />
        <source>Delete %1 hosts from the inventory?</source>
        <translation>从主机清单中删除 %1 台主机？</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Tags to add to %1:</source>
        <translation>要为 %1 添加的标签：</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Tags to remove from %1:</source>
        <translation>要从 %1 移除的标签：</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Remove %1 from group %2</source>
        <translation>将 %1 移出分组 %2</translation>
    </message>
    <message>
        <location line="-245" />
        <source>Search: %1</source>
        <translation>搜索：%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <location line="+47" />
        <source>The inventory is empty.
Import an Ansible inventory (Ctrl+I) or add a host (Ctrl+N).</source>
        <translation>主机清单为空。
导入 Ansible 主机清单（Ctrl+I）或添加一台主机（Ctrl+N）。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No hosts in group %1 match '%2'</source>
        <translation>分组 %1 中没有与“%2”匹配的主机</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No hosts match '%1'</source>
        <translation>没有与“%1”匹配的主机</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Group %1 has no hosts.
Drag hosts here from another group to add them.</source>
        <translation>分组 %1 中没有主机。
从其他分组把主机拖到这里即可添加。</translation>
    </message>
    <message>
        <location line="+67" />
        <source>Imported %1 hosts, %2 groups</source>
        <translation>已导入 %1 台主机、%2 个分组</translation>
    </message>
    <message>
        <location line="+54" />
        <source>Delete host %1 from the inventory?</source>
        <translation>从主机清单中删除主机 %1？</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Delete Hosts</source>
        <translation>删除主机</translation>
    </message>
    <message>
        <location line="+0" />
        <source>You can undo this.</source>
        <translation>此操作可以撤销。</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+14" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-4" />
        <source>The groups 'all' and 'ungrouped' cannot be deleted</source>
        <translation>分组“all”和“ungrouped”不能删除</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Delete Group</source>
        <translation>删除分组</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete group %1? Its hosts stay in the inventory. You can undo this.</source>
        <translation>删除分组 %1？其中的主机仍保留在主机清单中。此操作可以撤销。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Add Tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Remove Tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <location line="+22" />
        <source>The selected hosts are members of %1 only through its subgroups</source>
        <translation>选中的主机只是通过子分组属于 %1</translation>
    </message>
    <message>
        <location line="+41" />
        <source>Already in group %1</source>
        <translation>已在分组 %1 中</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/MainWindow.cpp" line="+351" />
        <source>About OpsDeck</source>
        <translation>关于 OpsDeck</translation>
    </message>
    <message>
        <location line="+1" />
        <source>OpsDeck %1

An operator console for fleet operations: inventory, scripts, templates, workflows and jobs, over a control server or direct SSH.</source>
        <translation>OpsDeck %1

面向服务器集群运维的操作控制台：主机清单、脚本、模板、工作流和作业，可通过控制服务器或直连 SSH 执行。</translation>
    </message>
    <message>
        <location line="+59" />
        <location line="+149" />
        <source>Inventory</source>
        <translation>主机清单</translation>
    </message>
    <message>
        <location line="-149" />
        <source>Scripts</source>
        <translation>脚本</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Workflows</source>
        <translation>工作流</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Jobs</source>
        <translation>作业</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Scripts arrive with the script library: shell, Python and Perl with versions, tags and danger checks.</source>
        <translation>脚本库即将上线：支持 Shell、Python 和 Perl 脚本，提供版本管理、标签和高危命令检查。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Configuration templates arrive with the template editor, with a live preview for any host.</source>
        <translation>配置模板将随模板编辑器一起上线，可针对任意主机实时预览渲染结果。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Workflows arrive with the workflow builder: steps drawn on a canvas, run in rolling batches.</source>
        <translation>工作流将随工作流编排器一起上线：在画布上编排步骤，按批次滚动执行。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Jobs arrive with the job engine: run scripts on hosts and watch every host's timeline live.</source>
        <translation>作业将随作业引擎一起上线：在主机上执行脚本，实时查看每台主机的执行时间线。</translation>
    </message>
    <message>
        <location line="+7" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Inventory</source>
        <translation>主机清单(&amp;I)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Command Palette…</source>
        <translation>命令面板(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Follow &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;System Language</source>
        <translation>系统语言(&amp;S)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Go to %1</source>
        <translation>转到%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;About OpsDeck</source>
        <translation>关于 OpsDeck(&amp;A)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Backend: %1</source>
        <translation>后端：%1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Where jobs run: the control server, or direct SSH from this workstation</source>
        <translation>作业的执行位置：控制服务器，或从本机直连 SSH</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <location line="+41" />
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <location line="+14" />
        <source>1 host</source>
        <translation>1 台主机</translation>
    </message>
    <message>
        <location line="+0" />
        <source>%1 hosts</source>
        <translation>%1 台主机</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / %2</translation>
    </message>
    <message>
        <location line="+62" />
        <source>Cannot open the workspace: %1</source>
        <translation>无法打开工作区：%1</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location line="+12" />
        <source>The translation for %1 could not be loaded.</source>
        <translation>无法加载 %1 的翻译。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Language changed. Restart OpsDeck if some texts still show the previous language.</source>
        <translation>界面语言已切换。如果仍有文字显示为原来的语言，请重启 OpsDeck。</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../widgets/MessageBar.cpp" line="+28" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close message</source>
        <translation>关闭消息</translation>
    </message>
</context>
<context>
    <name>NewGroupCommand</name>
    <message>
        <location filename="../widgets/InventoryCommands.cpp" line="+245" />
        <source>New group %1</source>
        <translation>新建分组 %1</translation>
    </message>
</context>
<context>
    <name>SaveHostCommand</name>
    <message>
        <location line="-234" />
        <source>Edit host %1</source>
        <translation>编辑主机 %1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Add host %1</source>
        <translation>添加主机 %1</translation>
    </message>
</context>
<context>
    <name>SetGroupMembersCommand</name>
    <message>
        <location line="+195" />
        <source>Add %1 to group %2</source>
        <translation>将 %1 加入分组 %2</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../app/Startup.cpp" line="+94" />
        <source>unknown page '%1' (expected one of: %2)</source>
        <translation>未知页面“%1”（可选：%2）</translation>
    </message>
    <message>
        <location line="+16" />
        <source>opsdeck: cannot write the screenshot to %1
</source>
        <translation>opsdeck：无法将截图写入 %1
</translation>
    </message>
    <message>
        <location line="+13" />
        <source>OpsDeck: an operator console for fleet operations.</source>
        <translation>OpsDeck：面向服务器集群运维的操作控制台。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Open the workspace file PATH (created with a demo inventory if it does not exist).</source>
        <translation>打开工作区文件 PATH（不存在时自动创建，并附带演示主机清单）。</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+7" />
        <source>PATH</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="-5" />
        <source>Colour theme for this run: light, dark or system (follow the desktop).</source>
        <translation>本次运行使用的配色主题：light（浅色）、dark（深色）或 system（跟随桌面）。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>THEME</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Language: en or zh_CN.</source>
        <translation>界面语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>LANG</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Save a PNG of the main window to PATH shortly after startup, then quit (works with QT_QPA_PLATFORM=offscreen).</source>
        <translation>启动后稍候将主窗口截图保存为 PNG 到 PATH，然后退出（可配合 QT_QPA_PLATFORM=offscreen 使用）。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Show PAGE first: inventory, scripts, templates, workflows or jobs.</source>
        <translation>启动时显示的页面 PAGE：inventory、scripts、templates、workflows 或 jobs。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>PAGE</source>
        <translation>页面</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Type QUERY into the inventory search box at startup.</source>
        <translation>启动时在主机搜索框中输入 QUERY。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>QUERY</source>
        <translation>QUERY</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Select HOST in the inventory at startup and show its details.</source>
        <translation>启动时在主机清单中选中 HOST 并显示其详情。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>HOST</source>
        <translation>HOST</translation>
    </message>
    <message>
        <location line="+10" />
        <source>unknown theme '%1' (expected light, dark or system)</source>
        <translation>未知主题“%1”（可选：light、dark 或 system）</translation>
    </message>
    <message>
        <location line="+6" />
        <source>unknown language '%1' (expected en or zh_CN)</source>
        <translation>未知语言“%1”（可选：en 或 zh_CN）</translation>
    </message>
    <message>
        <location line="+115" />
        <source>OpsDeck workspaces (*.opsdeck);;All files (*)</source>
        <translation>OpsDeck 工作区 (*.opsdeck);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Create Workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Open Workspace</source>
        <translation>打开工作区</translation>
    </message>
</context>
<context>
    <name>StartupErrorDialog</name>
    <message>
        <location filename="../widgets/StartupErrorDialog.cpp" line="+14" />
        <source>Open Another Workspace…</source>
        <translation>打开其他工作区…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Create New Workspace…</source>
        <translation>新建工作区…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Cannot Open Workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <location line="+9" />
        <source>OpsDeck cannot open the workspace %1.</source>
        <translation>OpsDeck 无法打开工作区 %1。</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The file has not been changed. Choose another workspace, create a new one, or quit.</source>
        <translation>该文件未被改动。请选择其他工作区、新建一个工作区，或退出。</translation>
    </message>
</context>
<context>
    <name>TagHostsCommand</name>
    <message>
        <location filename="../widgets/InventoryCommands.cpp" line="-59" />
        <source>Tag %1 with %2</source>
        <translation>为 %1 添加标签 %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Remove tag %1 from %2</source>
        <translation>从 %1 移除标签 %2</translation>
    </message>
</context>
<context>
    <name>VarCodec</name>
    <message>
        <location filename="../models/VarCodec.cpp" line="+856" />
        <source>write a mapping of names to values, e.g. http_port: 8080</source>
        <translation>请写成“名称: 值”的映射，例如 http_port: 8080</translation>
    </message>
</context>
</TS>
