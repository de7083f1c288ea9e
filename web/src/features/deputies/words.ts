import i18n from '../../i18n';

/** The deputies' workstation pages' words in both languages, added when the page loads. */
const zhCN = {
  title: '代表工作站', deputies: '人大代表', workstations: '工作站', workstation: '选择工作站', name: '名称', personName: '姓名', level: '层级', constituency: '选区',
  levels: { municipal: '市人大代表', district: '区（县）人大代表', township: '镇（街道）人大代表' },
  kinds: { workstation: '代表工作站', workshop: '代表联络站' },
  schedule: '接待安排', noReceptions: '暂无接待安排', topic: '主题', polls: '选区民意调查', newPoll: '在选区发起民意调查',
  newDeputy: '登记代表', newWorkstation: '设立工作站', address: '地址', kind: '类型', place: '所在地区',
  deputy: '代表', startsAt: '开始时间', endsAt: '结束时间', addReception: '安排接待',
  move: '改期', moveTitle: '接待改期', cancel: '取消接待', cancelTitle: '取消这次接待', cancelReason: '取消原因（在接待安排中公开显示）', cancelled: '已取消：{{reason}}',
  visits: '来访记录', visitor: '来访人', phone: '联系电话', issue: '反映的问题', visitedAt: '来访时间', record: '登记来访',
  request: '诉求', forward: '转为诉求', forwarded: '已转为诉求 {{number}}',
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof zhCN> = {
  title: 'Deputies’ workstations', deputies: 'Deputies', workstations: 'Workstations', workstation: 'Workstation', name: 'Name', personName: 'Full name', level: 'Level', constituency: 'Constituency',
  levels: { municipal: 'Municipal deputy', district: 'District (county) deputy', township: 'Township deputy' },
  kinds: { workstation: 'Deputies’ workstation', workshop: 'Liaison workshop' },
  schedule: 'Reception schedule', noReceptions: 'No receptions scheduled', topic: 'Topic', polls: 'Polls of the constituency', newPoll: 'Start a poll in the constituency',
  newDeputy: 'Register a deputy', newWorkstation: 'Open a workstation', address: 'Address', kind: 'Kind', place: 'Place',
  deputy: 'Deputy', startsAt: 'Starts', endsAt: 'Ends', addReception: 'Schedule a reception',
  move: 'Move', moveTitle: 'Move the reception', cancel: 'Cancel', cancelTitle: 'Cancel this reception', cancelReason: 'Reason (shown on the schedule)', cancelled: 'Cancelled: {{reason}}',
  visits: 'Visitors', visitor: 'Visitor', phone: 'Phone', issue: 'Issue raised', visitedAt: 'Visited', record: 'Record the visit',
  request: 'Request', forward: 'Forward as a request', forwarded: 'Forwarded as request {{number}}',
};

i18n.addResourceBundle('zh-CN', 'translation', { deputies: zhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { deputies: en }, true, false);
