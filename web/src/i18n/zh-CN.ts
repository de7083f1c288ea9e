/** 界面文字（中文）。English in en.ts has the same keys; TypeScript checks that. */
export const zhCN = {
  app: { name: '同心', tagline: '基层社区治理平台', skip: '跳到正文' },
  common: {
    save: '保存', cancel: '取消', create: '新建', edit: '编辑', delete: '删除', search: '搜索', reset: '重置',
    confirmDelete: '确定删除吗？此操作会记入审计日志。', saved: '已保存', deleted: '已删除', loading: '正在加载…',
    none: '无', yes: '是', no: '否', total: '共 {{count}} 条', actions: '操作', retry: '重试', back: '返回',
    loadFailed: '加载失败', forbidden: '您没有权限查看此页面', notFound: '页面不存在', everywhere: '全部地区',
  },
  prefs: { language: '语言', largeText: '大字模式', largeTextOn: '已开启大字', largeTextOff: '标准字号' },
  auth: {
    title: '登录', username: '用户名', password: '密码', submit: '登录', logout: '退出登录',
    required: '请输入{{field}}', welcome: '欢迎，{{name}}',
  },
  nav: { home: '首页', places: '地区', residents: '居民', households: '住户', accounts: '账号', audit: '审计日志', menu: '菜单' },
  roles: {
    resident: '居民', liaison: '社区联络员', dispatcher: '调度员', department_staff: '部门工作人员', department_head: '部门负责人',
    deputy: '人大代表', council_member: '议事会成员', council_secretary: '议事会秘书', supervisor: '监督员', administrator: '管理员', official: '乡镇（街道）干部',
  },
  levels: { city: '市', district: '区县', subdistrict: '街道乡镇', community: '社区村', grid: '网格', building: '楼栋' },
  residency: { established: '户籍居民', new: '新居民' },
  gender: { female: '女', male: '男' },
  vulnerable: {
    'minimum-subsistence': '低保户', 'zero-employment': '零就业家庭', disability: '残疾人', 'elderly-alone': '独居老人',
    'left-behind-child': '留守儿童', 'special-hardship': '特困供养',
  },
  home: {
    residentTitle: '我的家', myRecord: '我的信息', household: '我的住户', members: '家庭成员', noHousehold: '尚未登记住户',
    notResident: '此账号未关联居民信息', address: '地址', phone: '电话', place: '所在社区',
    privacy: '为保护隐私，电话和证件号码只显示部分数字。', servicesSoon: '报事、协商、民意调查和积分银行即将开放。',
    staffTitle: '辖区概况', residents: '居民', households: '住户', places: '地区', established: '户籍居民', newResidents: '新居民',
    partyMembers: '党员', byUnit: '下级地区居民构成', byAge: '年龄结构', byVulnerable: '困难群体', yourRoles: '您的角色',
    chartLabel: '各下级地区户籍居民与新居民人数图表，点击地区查看其下级', unit: '地区', allMyPlaces: '我的全部辖区', where: '所在位置',
  },
  places: {
    title: '地区管理', root: '全部', code: '代码', nameZh: '中文名称', nameEn: '英文名称', level: '层级', children: '下级',
    addChild: '新增下级地区', tree: '地区树', name: '名称', addRoot: '新增顶级地区', editPlace: '编辑地区', open: '进入',
  },
  people: {
    title: '居民', name: '姓名', gender: '性别', birthYear: '出生年份', age: '年龄段', phone: '电话', idNumber: '身份证号',
    residency: '居住类型', partyMember: '党员', vulnerable: '困难群体', place: '社区', household: '户号', relation: '与户主关系',
    searchHint: '姓名、完整手机号或身份证号', add: '登记居民', editResident: '编辑居民', reveal: '查看完整号码',
    revealed: '这次查看已记入审计日志。', householdsTitle: '住户', number: '户号', address: '地址', memberCount: '人数', addHousehold: '登记住户',
    placeRequired: '请选择社区', editHousehold: '编辑住户', householdPick: '所属住户', idNumberFormat: '身份证号应为18位，最后一位可以是X', householdSearchHint: '户号或地址', noMembers: '此住户还没有登记成员',
    householdHint: '先选择社区，再选择住户', relationHint: '如：户主、配偶、子女',
  },
  accounts: {
    title: '账号', username: '用户名', displayName: '显示名称', homePlace: '所属地区', roles: '角色', status: '状态',
    active: '正常', disabled: '已停用', locked: '已锁定', add: '新建账号', password: '初始密码', grant: '授予角色', revoke: '收回',
    resetPassword: '重置密码', newPassword: '新密码', disable: '停用', enable: '启用', unlock: '解锁', role: '角色', onPlace: '地区', searchHint: '用户名或显示名称',
  },
  auditActions: {
    auth: { login: '登录', logout: '退出登录', login_failed: '登录失败', lockout: '账号被锁定' },
    account: {
      create: '新建账号', update: '修改账号', grant: '授予角色', revoke: '收回角色', password_reset: '重置密码',
      password_change: '修改本人密码', token_create: '签发接口令牌', token_revoke: '吊销接口令牌',
    },
    place: { create: '新增地区', update: '修改地区', move: '移动地区', delete: '删除地区' },
    resident: { create: '登记居民', update: '修改居民信息', delete: '删除居民', export: '导出居民名单', reveal_phone: '查看完整电话', reveal_id_number: '查看完整身份证号' },
    household: { create: '登记住户', update: '修改住户', delete: '删除住户' },
  },
  entities: { account: '账号', place: '地区', resident: '居民', household: '住户' },
  audit: { title: '审计日志', entityId: '记录编号', at: '时间', actor: '操作人', action: '操作', entity: '对象', changes: '变更', more: '加载更多', before: '变更前', after: '变更后' },
};
