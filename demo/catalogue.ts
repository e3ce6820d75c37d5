// The demo's catalogue: real regions (GB/T 2260) and industries (GB/T 4754-2017), what companies
// there are called and what they file, and brand words for names and marks.

// GB/T 2260 administrative divisions; `prefix` is how company names there begin.
export interface Region {
  code: string;
  prefix: string;
  weight: number;
}
export const REGIONS: readonly Region[] = [
  { code: '350100', prefix: '福州', weight: 16 }, // 福州市
  { code: '350200', prefix: '厦门', weight: 9 }, // 厦门市
  { code: '350500', prefix: '泉州', weight: 6 }, // 泉州市
  { code: '350300', prefix: '莆田', weight: 2 }, // 莆田市
  { code: '330100', prefix: '杭州', weight: 7 }, // 杭州市
  { code: '330200', prefix: '宁波', weight: 4 }, // 宁波市
  { code: '440300', prefix: '深圳', weight: 9 }, // 深圳市
  { code: '440100', prefix: '广州', weight: 6 }, // 广州市
  { code: '440600', prefix: '佛山', weight: 3 }, // 佛山市
  { code: '510100', prefix: '成都', weight: 4 }, // 成都市
  { code: '420100', prefix: '武汉', weight: 4 }, // 武汉市
  { code: '320500', prefix: '苏州', weight: 5 }, // 苏州市
  { code: '320100', prefix: '南京', weight: 4 }, // 南京市
  { code: '110105', prefix: '北京', weight: 4 }, // 北京市朝阳区
  { code: '110108', prefix: '北京', weight: 5 }, // 北京市海淀区
  { code: '310115', prefix: '上海', weight: 5 }, // 上海市浦东新区
  { code: '310104', prefix: '上海', weight: 2 }, // 上海市徐汇区
  { code: '370200', prefix: '青岛', weight: 3 }, // 青岛市
  { code: '610100', prefix: '西安', weight: 3 }, // 西安市
  { code: '430100', prefix: '长沙', weight: 3 }, // 长沙市
  { code: '340100', prefix: '合肥', weight: 3 }, // 合肥市
  { code: '500112', prefix: '重庆', weight: 2 }, // 重庆市渝北区
  { code: '120116', prefix: '天津', weight: 2 }, // 天津市滨海新区
];

// GB/T 4754-2017 divisions (大类), each with what its companies are called, file and register.
export interface Industry {
  name: string;
  weight: number;
  /** Relative number of patents per enterprise. */
  patents: number;
  /** Invention, utility model, design shares. */
  mix: readonly [number, number, number];
  suffixes: readonly string[];
  inventions: readonly (readonly [string, string])[];
  utilityModels: readonly (readonly [string, string])[];
  designs: readonly string[];
  software: readonly string[];
  niceClasses: readonly number[];
}
export const INDUSTRIES: readonly Industry[] = [
  {
    name: '软件和信息技术服务业',
    weight: 14,
    patents: 0.9,
    mix: [0.75, 0.1, 0.15],
    suffixes: ['智能科技', '信息技术', '软件', '数字科技', '数据科技'],
    inventions: [
      ['一种基于深度学习的图像识别方法', 'G06N 3/08'],
      ['一种基于知识图谱的专利检索方法', 'G06F 16/36'],
      ['一种分布式数据库的事务一致性保障方法', 'G06F 16/27'],
      ['一种基于联邦学习的隐私保护模型训练方法', 'G06N 20/00'],
      ['一种面向边缘计算的任务调度方法', 'G06F 9/48'],
      ['一种基于区块链的电子数据存证方法', 'H04L 9/32'],
      ['一种多模态文本生成方法', 'G06F 40/56'],
      ['一种智能仓储货位分配方法', 'G06Q 10/08'],
      ['一种语音识别模型的训练方法', 'G10L 15/06'],
    ],
    utilityModels: [
      ['一种服务器机柜散热装置', 'H05K 7/20'],
      ['一种便携式数据采集终端', 'G06F 1/16'],
      ['一种人脸识别门禁设备', 'G07C 9/00'],
    ],
    designs: ['自助服务终端', '带图形用户界面的手机', '数据采集器'],
    software: [
      '智能仓储管理系统',
      '企业资源计划管理平台',
      '电子合同签署系统',
      '知识产权管理系统',
      '智慧园区综合管理平台',
      '客户关系管理系统',
      '数据可视化分析平台',
      '移动办公应用软件',
    ],
    niceClasses: [9, 42, 35, 38],
  },
  {
    name: '计算机、通信和其他电子设备制造业',
    weight: 12,
    patents: 1.4,
    mix: [0.45, 0.35, 0.2],
    suffixes: ['电子', '微电子', '通信技术', '光电科技', '半导体'],
    inventions: [
      ['一种低功耗蓝牙芯片的唤醒电路及方法', 'H04W 52/02'],
      ['一种半导体封装结构及其制备方法', 'H01L 23/31'],
      ['一种5G基站天线阵列的波束赋形方法', 'H04B 7/06'],
      ['一种柔性OLED显示面板及其制作方法', 'H10K 59/12'],
      ['一种锂电池保护板的过流检测电路', 'H02J 7/00'],
      ['一种光模块的温度补偿方法', 'H04B 10/40'],
    ],
    utilityModels: [
      ['一种手机散热背夹', 'H04M 1/02'],
      ['一种防水型电连接器', 'H01R 13/52'],
      ['一种电路板检测治具', 'G01R 31/28'],
    ],
    designs: ['智能手表', '蓝牙耳机', '无线路由器', '充电器', '平板电脑', '行车记录仪'],
    software: ['嵌入式设备固件升级系统', '生产测试管理系统', '芯片参数配置软件', '智能终端管理平台'],
    niceClasses: [9, 38, 42],
  },
  {
    name: '医药制造业',
    weight: 7,
    patents: 1.1,
    mix: [0.8, 0.15, 0.05],
    suffixes: ['生物医药', '制药', '药业', '生物科技'],
    inventions: [
      ['一种治疗2型糖尿病的药物组合物及其制备方法', 'A61K 31/155'],
      ['一种单克隆抗体的纯化方法', 'C07K 1/22'],
      ['一种中药提取物的制备方法及其应用', 'A61K 36/00'],
      ['一种缓释片剂及其制备方法', 'A61K 9/20'],
      ['一种mRNA疫苗脂质纳米颗粒递送系统', 'A61K 9/51'],
      ['一种检测呼吸道病毒的荧光定量PCR试剂盒', 'C12Q 1/70'],
    ],
    utilityModels: [
      ['一种中药材清洗烘干一体机', 'A61J 3/00'],
      ['一种片剂包衣装置', 'A61J 3/06'],
      ['一种儿童安全药瓶', 'A61J 1/03'],
    ],
    designs: ['药品包装盒', '输液袋', '胶囊泡罩板'],
    software: ['药品生产质量管理系统', '临床试验数据管理系统', '药品流通追溯系统'],
    niceClasses: [5, 10, 44],
  },
  {
    name: '专用设备制造业',
    weight: 9,
    patents: 1.4,
    mix: [0.35, 0.55, 0.1],
    suffixes: ['智能装备', '机械', '自动化设备', '精密机械'],
    inventions: [
      ['一种基于机器视觉的零件缺陷检测方法', 'G06T 7/00'],
      ['一种数控机床主轴热误差补偿方法', 'B23Q 15/18'],
      ['一种锂电池极片激光切割设备', 'B23K 26/38'],
      ['一种智能分拣机器人及其控制方法', 'B25J 9/16'],
      ['一种农业植保无人机喷洒控制方法', 'B64D 1/18'],
    ],
    utilityModels: [
      ['一种注塑模具随形冷却结构', 'B29C 45/73'],
      ['一种自动上下料机械手', 'B25J 15/00'],
      ['一种食品包装封口机', 'B65B 51/10'],
      ['一种医用手术器械清洗装置', 'A61B 90/70'],
    ],
    designs: ['工业机器人', '分拣机', '激光切割机', '包装机'],
    software: ['设备远程运维管理系统', '数控加工仿真软件', '生产执行管理系统'],
    niceClasses: [7, 9, 37],
  },
  {
    name: '通用设备制造业',
    weight: 6,
    patents: 1.2,
    mix: [0.3, 0.6, 0.1],
    suffixes: ['机械', '机电', '阀门', '泵业'],
    inventions: [
      ['一种高效离心泵叶轮及其设计方法', 'F04D 29/22'],
      ['一种谐波减速器柔轮的加工方法', 'F16H 49/00'],
      ['一种阀门密封面的激光熔覆修复方法', 'C23C 24/10'],
    ],
    utilityModels: [
      ['一种新型轴承密封结构', 'F16C 33/78'],
      ['一种防爆电动执行器', 'F16K 31/04'],
      ['一种空压机余热回收装置', 'F04B 39/06'],
    ],
    designs: ['水泵', '阀门', '减速机'],
    software: ['泵站智能监控系统', '设备全生命周期管理系统'],
    niceClasses: [7, 6, 11],
  },
  {
    name: '电气机械和器材制造业',
    weight: 9,
    patents: 1.3,
    mix: [0.35, 0.45, 0.2],
    suffixes: ['电气', '新能源科技', '电器', '储能科技', '照明科技'],
    inventions: [
      ['一种锂离子电池正极材料及其制备方法', 'H01M 4/525'],
      ['一种储能变流器的并网控制方法', 'H02J 3/38'],
      ['一种光伏组件的热斑检测方法', 'H02S 50/10'],
      ['一种永磁同步电机的无位置传感器控制方法', 'H02P 21/18'],
      ['一种电池管理系统的荷电状态估算方法', 'G01R 31/367'],
    ],
    utilityModels: [
      ['一种智能断路器', 'H01H 71/12'],
      ['一种LED灯具散热结构', 'F21V 29/70'],
      ['一种充电桩防水插座', 'H01R 13/52'],
      ['一种电动汽车充电枪', 'B60L 53/16'],
    ],
    designs: ['充电桩', '吸顶灯', '空气净化器', '电饭煲', '插座'],
    software: ['储能电站能量管理系统', '智能配电运维平台', '电池管理系统上位机软件'],
    niceClasses: [9, 11, 7],
  },
  {
    name: '汽车制造业',
    weight: 5,
    patents: 1.2,
    mix: [0.3, 0.5, 0.2],
    suffixes: ['汽车零部件', '汽车科技', '汽车电子'],
    inventions: [
      ['一种自动驾驶车辆的路径规划方法', 'B60W 60/00'],
      ['一种车载毫米波雷达目标跟踪方法', 'G01S 13/72'],
      ['一种新能源汽车电池包热管理系统', 'H01M 10/613'],
    ],
    utilityModels: [
      ['一种新型折叠式电动自行车车架', 'B62K 15/00'],
      ['一种汽车座椅调节机构', 'B60N 2/02'],
      ['一种车用雨刮器', 'B60S 1/38'],
    ],
    designs: ['汽车轮毂', '电动自行车', '汽车前大灯', '车载充电器'],
    software: ['车联网数据采集平台', '整车控制器标定软件'],
    niceClasses: [12, 9, 37],
  },
  {
    name: '化学原料和化学制品制造业',
    weight: 6,
    patents: 1.0,
    mix: [0.75, 0.2, 0.05],
    suffixes: ['化工', '新材料', '化学', '材料科技'],
    inventions: [
      ['一种可降解聚乳酸复合材料及其制备方法', 'C08L 67/04'],
      ['一种水性环保涂料及其制备方法', 'C09D 5/02'],
      ['一种高效脱硫催化剂的制备方法', 'B01J 37/00'],
      ['一种锂电池电解液添加剂及其应用', 'H01M 10/0567'],
      ['一种有机硅胶黏剂及其制备方法', 'C09J 183/04'],
    ],
    utilityModels: [
      ['一种反应釜搅拌装置', 'B01J 19/18'],
      ['一种废气处理吸附塔', 'B01D 53/04'],
    ],
    designs: ['包装桶', '涂料桶'],
    software: ['化工安全生产监测系统', '危化品仓储管理系统'],
    niceClasses: [1, 2, 17],
  },
  {
    name: '纺织业',
    weight: 5,
    patents: 0.8,
    mix: [0.3, 0.5, 0.2],
    suffixes: ['纺织', '纺织科技', '化纤', '织造'],
    inventions: [
      ['一种抗菌防臭纤维及其制备方法', 'D01F 1/10'],
      ['一种再生涤纶纱线的生产工艺', 'D02G 3/04'],
      ['一种织物无水染色方法', 'D06P 1/94'],
    ],
    utilityModels: [
      ['一种纺织机断纱检测装置', 'D01H 13/16'],
      ['一种高效布料烘干装置', 'F26B 13/10'],
      ['一种经编机送经装置', 'D04B 27/10'],
    ],
    designs: ['面料', '毛巾', '床品四件套'],
    software: ['纺织生产排程系统', '面料花型设计软件'],
    niceClasses: [24, 23, 25],
  },
  {
    name: '纺织服装、服饰业',
    weight: 4,
    patents: 0.6,
    mix: [0.15, 0.35, 0.5],
    suffixes: ['服饰', '鞋服', '服装'],
    inventions: [
      ['一种智能温控服装及其控制方法', 'A41D 13/002'],
      ['一种鞋底缓震结构的制备方法', 'A43B 13/18'],
    ],
    utilityModels: [
      ['一种可拆卸式多功能冲锋衣', 'A41D 3/00'],
      ['一种透气运动鞋', 'A43B 7/06'],
    ],
    designs: ['运动鞋', '夹克', '双肩背包', '棒球帽'],
    software: ['服装门店零售管理系统', '服装版型设计软件'],
    niceClasses: [25, 18, 35],
  },
  {
    name: '食品制造业',
    weight: 6,
    patents: 0.7,
    mix: [0.4, 0.3, 0.3],
    suffixes: ['食品', '生物科技', '茶业', '食品科技'],
    inventions: [
      ['一种低糖复合果蔬饮料及其制备方法', 'A23L 2/02'],
      ['一种益生菌发酵乳及其制备方法', 'A23C 9/123'],
      ['一种茶叶提取物的制备方法', 'A23F 3/16'],
      ['一种速冻鱼丸的加工工艺', 'A23L 17/00'],
    ],
    utilityModels: [
      ['一种茶叶揉捻机', 'A23F 3/12'],
      ['一种食品烘焙隧道炉', 'A21B 1/48'],
      ['一种饮料灌装设备', 'B67C 3/02'],
    ],
    designs: ['茶叶包装盒', '饮料瓶', '食品包装袋', '月饼礼盒'],
    software: ['食品安全追溯管理系统', '冷链物流温度监控系统'],
    niceClasses: [30, 29, 32, 35],
  },
  {
    name: '商务服务业',
    weight: 5,
    patents: 0.3,
    mix: [0.5, 0.2, 0.3],
    suffixes: ['企业管理咨询', '知识产权代理', '供应链管理', '会展服务'],
    inventions: [
      ['一种基于大数据的企业信用评估方法', 'G06Q 10/0639'],
      ['一种供应链金融风险预警方法', 'G06Q 40/02'],
    ],
    utilityModels: [['一种可快速拆装的会展展台', 'A47F 5/10']],
    designs: ['展示架', '宣传册'],
    software: ['知识产权事务管理系统', '供应链协同管理平台', '会展票务管理系统', '企业合同管理系统'],
    niceClasses: [35, 45, 41, 36],
  },
  {
    name: '研究和试验发展',
    weight: 4,
    patents: 1.3,
    mix: [0.7, 0.25, 0.05],
    suffixes: ['检测技术', '技术研究院', '生物技术研究院'],
    inventions: [
      ['一种水体重金属快速检测方法', 'G01N 21/31'],
      ['一种基于拉曼光谱的物质成分检测方法', 'G01N 21/65'],
      ['一种钙钛矿太阳能电池及其制备方法', 'H10K 30/10'],
    ],
    utilityModels: [
      ['一种便携式水质检测仪', 'G01N 33/18'],
      ['一种实验室通风橱', 'B08B 15/02'],
    ],
    designs: ['检测仪', '光谱仪'],
    software: ['实验室信息管理系统', '检测报告生成系统'],
    niceClasses: [42, 9, 1],
  },
  {
    name: '仪器仪表制造业',
    weight: 4,
    patents: 1.2,
    mix: [0.4, 0.45, 0.15],
    suffixes: ['仪器', '测控技术', '传感科技'],
    inventions: [
      ['一种高精度压力传感器的温度补偿方法', 'G01L 19/04'],
      ['一种超声波流量计的信号处理方法', 'G01F 1/66'],
    ],
    utilityModels: [
      ['一种智能电能表', 'G01R 22/06'],
      ['一种可燃气体检测报警器', 'G08B 21/16'],
    ],
    designs: ['流量计', '温湿度记录仪', '电能表'],
    software: ['传感器数据采集系统', '计量器具检定管理系统'],
    niceClasses: [9, 10],
  },
  {
    name: '互联网和相关服务',
    weight: 5,
    patents: 0.6,
    mix: [0.7, 0.05, 0.25],
    suffixes: ['网络科技', '互联网科技', '电子商务'],
    inventions: [
      ['一种基于用户行为序列的商品推荐方法', 'G06Q 30/06'],
      ['一种视频直播的低延迟传输方法', 'H04N 21/2187'],
      ['一种网页内容侵权比对方法', 'G06F 16/955'],
    ],
    utilityModels: [['一种直播补光支架', 'F21V 21/14']],
    designs: ['用于手机的图形用户界面', '带图形用户界面的电脑'],
    software: ['电商直播运营管理系统', '社区团购小程序', '网络舆情监测系统', '在线教育平台'],
    niceClasses: [35, 42, 38, 41, 9],
  },
  {
    name: '橡胶和塑料制品业',
    weight: 3,
    patents: 1.0,
    mix: [0.3, 0.5, 0.2],
    suffixes: ['塑胶', '橡塑制品', '包装材料'],
    inventions: [
      ['一种耐磨橡胶密封圈及其制备方法', 'C08L 9/06'],
      ['一种全降解塑料薄膜的生产方法', 'B29C 48/08'],
    ],
    utilityModels: [
      ['一种塑料周转箱', 'B65D 21/02'],
      ['一种橡胶减震垫', 'F16F 1/373'],
    ],
    designs: ['收纳箱', '保鲜盒', '水杯'],
    software: ['注塑车间数字化管理系统'],
    niceClasses: [17, 21, 20],
  },
];

// Brand words (字号) and their pinyin, for names and marks.
export const BRANDS: readonly (readonly [string, string])[] = [
  ['星河', 'XINGHE'],
  ['华创', 'HUACHUANG'],
  ['瑞达', 'RUIDA'],
  ['恒信', 'HENGXIN'],
  ['博远', 'BOYUAN'],
  ['天成', 'TIANCHENG'],
  ['鼎盛', 'DINGSHENG'],
  ['启明', 'QIMING'],
  ['卓越', 'ZHUOYUE'],
  ['汇通', 'HUITONG'],
  ['腾跃', 'TENGYUE'],
  ['宏图', 'HONGTU'],
  ['海纳', 'HAINA'],
  ['金石', 'JINSHI'],
  ['云帆', 'YUNFAN'],
  ['锐思', 'RUISI'],
  ['晶华', 'JINGHUA'],
  ['新元', 'XINYUAN'],
  ['长风', 'CHANGFENG'],
  ['远景', 'YUANJING'],
  ['凯瑞', 'KAIRUI'],
  ['中拓', 'ZHONGTUO'],
  ['安泰', 'ANTAI'],
  ['众诚', 'ZHONGCHENG'],
  ['百川', 'BAICHUAN'],
  ['聚能', 'JUNENG'],
  ['智联', 'ZHILIAN'],
  ['光启', 'GUANGQI'],
  ['蓝海', 'LANHAI'],
  ['银河', 'YINHE'],
  ['领航', 'LINGHANG'],
  ['明德', 'MINGDE'],
  ['嘉禾', 'JIAHE'],
  ['润泽', 'RUNZE'],
  ['和信', 'HEXIN'],
  ['天宇', 'TIANYU'],
  ['华拓', 'HUATUO'],
  ['精诚', 'JINGCHENG'],
  ['东升', 'DONGSHENG'],
  ['盛世', 'SHENGSHI'],
  ['九州', 'JIUZHOU'],
  ['鸿运', 'HONGYUN'],
  ['优品', 'YOUPIN'],
  ['睿智', 'RUIZHI'],
  ['思源', 'SIYUAN'],
  ['致远', 'ZHIYUAN'],
  ['信达', 'XINDA'],
  ['永泰', 'YONGTAI'],
  ['同创', 'TONGCHUANG'],
  ['新锐', 'XINRUI'],
  ['天工', 'TIANGONG'],
  ['青禾', 'QINGHE'],
  ['达远', 'DAYUAN'],
  ['宸光', 'CHENGUANG'],
  ['尚品', 'SHANGPIN'],
  ['泓源', 'HONGYUAN'],
  ['科锐', 'KERUI'],
  ['创联', 'CHUANGLIAN'],
  ['恒源', 'HENGYUAN'],
  ['德润', 'DERUN'],
  ['华瑞', 'HUARUI'],
  ['旭日', 'XURI'],
  ['凌云', 'LINGYUN'],
  ['弘毅', 'HONGYI'],
  ['晨曦', 'CHENXI'],
  ['瀚海', 'HANHAI'],
  ['朗坤', 'LANGKUN'],
  ['嘉信', 'JIAXIN'],
  ['博睿', 'BORUI'],
  ['天瑞', 'TIANRUI'],
  ['中恒', 'ZHONGHENG'],
  ['明辉', 'MINGHUI'],
  ['沃土', 'WOTU'],
  ['星火', 'XINGHUO'],
  ['云图', 'YUNTU'],
  ['磐石', 'PANSHI'],
  ['泰和', 'TAIHE'],
  ['方圆', 'FANGYUAN'],
  ['闽通', 'MINTONG'],
  ['海峡', 'HAIXIA'],
];

export const DESIGN_MODELS = ['X3', 'S1', 'Pro', 'A2', 'Mini', 'T5', '2', 'K8', 'Max', 'Lite', 'M1', 'Q7', '经典款', '升级版'];
export const METHOD_VARIANTS = ['', '', '', '及系统', '及装置', '、装置、电子设备及存储介质'];
