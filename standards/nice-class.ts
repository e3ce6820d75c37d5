// The Nice Classification (尼斯分类, 12th edition): 45 classes, 1 to 34 goods and 35 to 45
// services, by the short Chinese names China's trademark register uses for them.

export const NICE_CLASS_NAMES: readonly string[] = [
  '化学原料',
  '颜料油漆',
  '日化用品',
  '燃料油脂',
  '医药',
  '金属材料',
  '机械设备',
  '手工器械',
  '科学仪器',
  '医疗器械',
  '灯具空调',
  '运输工具',
  '军火烟火',
  '珠宝钟表',
  '乐器',
  '办公用品',
  '橡胶制品',
  '皮革皮具',
  '建筑材料',
  '家具',
  '厨房洁具',
  '绳网袋篷',
  '纱线丝',
  '布料床单',
  '服装鞋帽',
  '纽扣拉链',
  '地毯席垫',
  '健身器材',
  '食品',
  '方便食品',
  '饲料种籽',
  '啤酒饮料',
  '酒',
  '烟草烟具',
  '广告销售',
  '金融物管',
  '建筑修理',
  '通讯服务',
  '运输贮藏',
  '材料加工',
  '教育娱乐',
  '网站服务',
  '餐饮住宿',
  '医疗园艺',
  '社会服务',
];

export const isNiceClass = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= NICE_CLASS_NAMES.length;

/** The short name of a class, 1 to 45. */
export function niceClassName(n: number): string {
  if (!isNiceClass(n)) throw new RangeError(`there is no Nice class ${n}; the classes are 1 to 45`);
  return NICE_CLASS_NAMES[n - 1]!;
}
