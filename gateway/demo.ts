// Demo data for `npm start -- --demo`: fills an empty data set with enterprises in real regions
// and industries, their patents, trademarks and copyrights, and evidence deposits on the ledger,
// then makes one partner key per role. Deterministic for a given seed (and day), except the keys
// and the ledger's timestamps.
import { seedCases } from './demo-cases.js';
import { seedFinance } from './demo-finance.js';
import { createHash } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Storage } from '../platform/storage.js';
import type { Ledger } from '../ledger/ledger.js';
import { createKey } from './keys/keys.js';
import type { KeyStore } from './keys/store/port.js';
import { Worker } from 'node:worker_threads';
import { openEnterprisesStore } from '../subgraphs/enterprises/index.js';
import type { RegistryJob } from './demo-registry-worker.js';
import { openEvidenceStore } from '../subgraphs/evidence/index.js';
import type {
  CopyrightRecord,
  EnterpriseRecord,
  EnterprisesStore,
  FilingStatus,
  PatentRecord,
  PatentStatus,
  PatentType,
  TrademarkRecord,
} from '../subgraphs/enterprises/store/port.js';
import type { EvidenceCategory, EvidenceRecord } from '../subgraphs/evidence/store/port.js';
import { usccCheckCharacter } from '../standards/uscc.js';
import { patentCheckDigit } from '../standards/patent-number.js';
import { protectionEnd, protectionTermYears } from '../subgraphs/enterprises/domain/protection.js';
import { annualFeeDueDates, annualFeeStatus } from '../subgraphs/enterprises/domain/annual-fee.js';
import { addDays, addYears, daysBetween } from '../standards/calendar-date.js';
import { earliestDueInGrace } from '../subgraphs/enterprises/domain/deadlines.js';

export interface DemoKeys {
  CENTER_STAFF: string;
  ENTERPRISE: string;
  COURT: string;
  BANK: string;
  INSURER: string;
  /** The enterprise the ENTERPRISE key acts for. */
  enterpriseId: string;
}

export interface DemoOptions {
  /** How many enterprises (default 1200). */
  enterprises?: number;
  /** PRNG seed (default 1): the same seed on the same day gives the same data. */
  seed?: number;
  /** The day fee and expiry states are relative to, YYYY-MM-DD (default: today, UTC). */
  today?: string;
}

export const DEMO_DEFAULT_ENTERPRISES = 1200;
export const DEMO_MAX_ENTERPRISES = 1_000_000;
export const DEMO_COURT = '福州市中级人民法院';
export const DEMO_BANK = '中国工商银行福州分行';
export const DEMO_INSURER = '中国人民财产保险股份有限公司福建省分公司';
export const DEMO_ENTERPRISE_NAME = '福州星河智能科技有限公司';

/** The content a demo deposit's digest is computed from: sha256(demoEvidenceContent(i)). */
export const demoEvidenceContent = (i: number): string => `iphub demo evidence ${i}`;

// Concurrent ledger appends (which share group commits) and evidence rows per transaction.
const BATCH = 2000;
// Registry rows per transaction, on the registry's own thread: a larger batch writes each index
// page it touches fewer times.
const REGISTRY_BATCH = 20_000;

/**
 * Fills an empty data set with demo data and returns one key per role; when enterprises exist
 * already, writes nothing and returns undefined.
 */
export async function seedDemo(storage: Storage, ledger: Ledger, keys: KeyStore, options: DemoOptions = {}): Promise<DemoKeys | undefined> {
  const count = options.enterprises ?? DEMO_DEFAULT_ENTERPRISES;
  if (!Number.isInteger(count) || count < 1 || count > DEMO_MAX_ENTERPRISES) {
    throw new RangeError(`enterprises must be a whole number from 1 to ${DEMO_MAX_ENTERPRISES}; got ${count}`);
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const enterprisesStore = await openEnterprisesStore(storage);
  try {
    if ((await enterprisesStore.enterprises.count({})) > 0) return undefined;
    // The registry is written on a thread of its own (demo-registry-worker.ts), a chunk at a time
    // as it is drawn, while this thread draws the rest and appends the deposits to the ledger.
    const registry = new RegistryWriter(storage);
    let data: DemoData = { enterprises: [], patents: [], trademarks: [], copyrights: [], deposits: [] };
    try {
      const chunks = generate(count, options.seed ?? 1, today);
      let next = chunks.next();
      for (; !next.done; next = chunks.next()) {
        registry.write(next.value);
        const { enterprises, patents, trademarks, copyrights } = next.value;
        data = { ...data, enterprises: data.enterprises.concat(enterprises), patents: data.patents.concat(patents), trademarks: data.trademarks.concat(trademarks), copyrights: data.copyrights.concat(copyrights) };
      }
      data.deposits = next.value;
      registry.end();

      const evidenceStore = await openEvidenceStore(storage);
      try {
        // As depositEvidence does it: append to the ledger first, then store the records with
        // their receipts. A batch's concurrent appends share group commits.
        await inBatches(data.deposits, async (batch) => {
          const records = await Promise.all(
            batch.map(async (d): Promise<EvidenceRecord> => {
              const receipt = await ledger.append({
                kind: 'EVIDENCE_DEPOSIT',
                subject: `evidence:${d.id}`,
                contentDigest: d.contentDigest,
                depositor: d.depositorId,
                metadata: { title: d.title, category: d.category },
              });
              return { ...d, depositedAt: new Date(receipt.timestamp).toISOString(), receipt };
            }),
          );
          await evidenceStore.evidence.insertMany(records);
        });
      } finally {
        await evidenceStore.close();
      }

      const { protectionCases } = await seedCases(storage, ledger, { enterprises: data.enterprises, patents: data.patents, deposits: data.deposits, court: DEMO_COURT, today });
      await seedFinance(storage, ledger, { enterprises: data.enterprises, patents: data.patents, bank: DEMO_BANK, insurer: DEMO_INSURER, protectionCases, today });
    } catch (err) {
      await registry.abort(); // no writer left behind
      throw err;
    }
    await registry.done;

    const enterpriseId = data.enterprises[0]!.id;
    return {
      CENTER_STAFF: (await createKey(keys, { role: 'CENTER_STAFF' })).key,
      ENTERPRISE: (await createKey(keys, { role: 'ENTERPRISE', enterpriseId })).key,
      COURT: (await createKey(keys, { role: 'COURT', organization: DEMO_COURT })).key,
      BANK: (await createKey(keys, { role: 'BANK', organization: DEMO_BANK })).key,
      INSURER: (await createKey(keys, { role: 'INSURER', organization: DEMO_INSURER })).key,
      enterpriseId,
    };
  } finally {
    await enterprisesStore.close();
  }
}

/**
 * Writes the registry: enterprises first, as the IP assets refer to them. One transaction per
 * batch, in id and owner order, so that the indexes take their rows in runs, not at random pages.
 */
export async function writeRegistry(store: EnterprisesStore, data: RegistryChunk): Promise<void> {
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const byOwner = <T extends { enterpriseId: string }>(rows: readonly T[]) => [...rows].sort((a, b) => byKey(a.enterpriseId, b.enterpriseId));
  await inBatches([...data.enterprises].sort((a, b) => byKey(a.id, b.id)), (batch) => store.enterprises.insertMany(batch), REGISTRY_BATCH);
  await inBatches(byOwner(data.patents), (batch) => store.patents.insertMany(batch), REGISTRY_BATCH);
  await inBatches(byOwner(data.trademarks), (batch) => store.trademarks.insertMany(batch), REGISTRY_BATCH);
  await inBatches(byOwner(data.copyrights), (batch) => store.copyrights.insertMany(batch), REGISTRY_BATCH);
}

/** writeRegistry on a worker thread (demo-registry-worker.ts), fed chunk by chunk. */
class RegistryWriter {
  readonly #worker: Worker;
  /** Settles when the worker has written every chunk and closed its store. */
  readonly done: Promise<void>;

  constructor(storage: Storage) {
    const env = storage.kind === 'sqlite' ? { IPHUB_DATA_DIR: storage.dataDir } : { IPHUB_MONGODB_URL: storage.url };
    this.#worker = new Worker(new URL('./demo-registry-worker.mjs', import.meta.url), { workerData: { env } satisfies RegistryJob });
    this.done = new Promise((resolve, reject) => {
      this.#worker.once('error', reject);
      this.#worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the demo's registry writer stopped with exit code ${code}`))));
    });
    this.done.catch(() => undefined); // awaited by the caller, or abandoned by abort()
  }

  write(chunk: RegistryChunk): void {
    this.#worker.postMessage(chunk);
  }

  /** No more chunks: the worker finishes those it has and exits. */
  end(): void {
    this.#worker.postMessage(null);
  }

  async abort(): Promise<void> {
    await this.#worker.terminate();
  }
}

/** Writes <dataDir>/demo-keys.json (mode 0600) and returns its path. */
export function writeDemoKeys(dataDir: string, keys: DemoKeys): string {
  const path = join(dataDir, 'demo-keys.json');
  const body = {
    CENTER_STAFF: keys.CENTER_STAFF,
    ENTERPRISE: keys.ENTERPRISE,
    COURT: keys.COURT,
    BANK: keys.BANK,
    INSURER: keys.INSURER,
    enterpriseId: keys.enterpriseId,
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // the mode option applies only when the file is created
  return path;
}

async function inBatches<T>(items: readonly T[], run: (batch: readonly T[]) => Promise<void>, size = BATCH): Promise<void> {
  for (let i = 0; i < items.length; i += size) await run(items.slice(i, i + size));
}

// ---------------------------------------------------------------------------------------------
// Generation: pure, from the seed and the day.

type Deposit = Omit<EvidenceRecord, 'depositedAt' | 'receipt'>;

export interface DemoData {
  enterprises: EnterpriseRecord[];
  patents: PatentRecord[];
  trademarks: TrademarkRecord[];
  copyrights: CopyrightRecord[];
  deposits: Deposit[];
}

/** mulberry32: a small, fast 32-bit PRNG, good enough for demo data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  float(): number {
    return this.#next();
  }
  /** lo..hi inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.#next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.#next() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  }
  /** A whole number around `mean` (rounded exponential), at most `max`. */
  count(mean: number, max: number): number {
    return Math.min(max, Math.floor(-Math.log(1 - this.#next()) * mean + 0.5));
  }
  uuid(): string {
    // Version 4, variant 10xx: 32 hex digits from four 32-bit draws.
    const word = () => Math.floor(this.#next() * 0x1_0000_0000).toString(16).padStart(8, '0');
    const h = word() + word() + word() + word();
    const variant = (8 + Math.floor(this.#next() * 4)).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

const yearOf = (date: string): number => Number(date.slice(0, 4));
/** The same month and day in another year (Feb 29 -> Feb 28). */
const inYear = (date: string, year: number): string => addYears(date, year - yearOf(date));
const minDate = (a: string, b: string): string => (a < b ? a : b);

// GB/T 2260 administrative divisions; `prefix` is how company names there begin.
interface Region {
  code: string;
  prefix: string;
  weight: number;
}
const REGIONS: readonly Region[] = [
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
interface Industry {
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
const INDUSTRIES: readonly Industry[] = [
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
    software: ['智能仓储管理系统', '企业资源计划管理平台', '电子合同签署系统', '知识产权管理系统', '智慧园区综合管理平台', '客户关系管理系统', '数据可视化分析平台', '移动办公应用软件'],
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
const BRANDS: readonly (readonly [string, string])[] = [
  ['星河', 'XINGHE'], ['华创', 'HUACHUANG'], ['瑞达', 'RUIDA'], ['恒信', 'HENGXIN'], ['博远', 'BOYUAN'],
  ['天成', 'TIANCHENG'], ['鼎盛', 'DINGSHENG'], ['启明', 'QIMING'], ['卓越', 'ZHUOYUE'], ['汇通', 'HUITONG'],
  ['腾跃', 'TENGYUE'], ['宏图', 'HONGTU'], ['海纳', 'HAINA'], ['金石', 'JINSHI'], ['云帆', 'YUNFAN'],
  ['锐思', 'RUISI'], ['晶华', 'JINGHUA'], ['新元', 'XINYUAN'], ['长风', 'CHANGFENG'], ['远景', 'YUANJING'],
  ['凯瑞', 'KAIRUI'], ['中拓', 'ZHONGTUO'], ['安泰', 'ANTAI'], ['众诚', 'ZHONGCHENG'], ['百川', 'BAICHUAN'],
  ['聚能', 'JUNENG'], ['智联', 'ZHILIAN'], ['光启', 'GUANGQI'], ['蓝海', 'LANHAI'], ['银河', 'YINHE'],
  ['领航', 'LINGHANG'], ['明德', 'MINGDE'], ['嘉禾', 'JIAHE'], ['润泽', 'RUNZE'], ['和信', 'HEXIN'],
  ['天宇', 'TIANYU'], ['华拓', 'HUATUO'], ['精诚', 'JINGCHENG'], ['东升', 'DONGSHENG'], ['盛世', 'SHENGSHI'],
  ['九州', 'JIUZHOU'], ['鸿运', 'HONGYUN'], ['优品', 'YOUPIN'], ['睿智', 'RUIZHI'], ['思源', 'SIYUAN'],
  ['致远', 'ZHIYUAN'], ['信达', 'XINDA'], ['永泰', 'YONGTAI'], ['同创', 'TONGCHUANG'], ['新锐', 'XINRUI'],
  ['天工', 'TIANGONG'], ['青禾', 'QINGHE'], ['达远', 'DAYUAN'], ['宸光', 'CHENGUANG'], ['尚品', 'SHANGPIN'],
  ['泓源', 'HONGYUAN'], ['科锐', 'KERUI'], ['创联', 'CHUANGLIAN'], ['恒源', 'HENGYUAN'], ['德润', 'DERUN'],
  ['华瑞', 'HUARUI'], ['旭日', 'XURI'], ['凌云', 'LINGYUN'], ['弘毅', 'HONGYI'], ['晨曦', 'CHENXI'],
  ['瀚海', 'HANHAI'], ['朗坤', 'LANGKUN'], ['嘉信', 'JIAXIN'], ['博睿', 'BORUI'], ['天瑞', 'TIANRUI'],
  ['中恒', 'ZHONGHENG'], ['明辉', 'MINGHUI'], ['沃土', 'WOTU'], ['星火', 'XINGHUO'], ['云图', 'YUNTU'],
  ['磐石', 'PANSHI'], ['泰和', 'TAIHE'], ['方圆', 'FANGYUAN'], ['闽通', 'MINTONG'], ['海峡', 'HAIXIA'],
];

const DESIGN_MODELS = ['X3', 'S1', 'Pro', 'A2', 'Mini', 'T5', '2', 'K8', 'Max', 'Lite', 'M1', 'Q7', '经典款', '升级版'];
const METHOD_VARIANTS = ['', '', '', '及系统', '及装置', '、装置、电子设备及存储介质'];

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714 organisation code: 8 characters and their check character. */
function organisationCode(body: string): string {
  const sum = [...body].reduce((s, c, i) => s + (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * ORG_CODE_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

interface Context {
  rng: Random;
  today: string;
  /** The last day anything may have happened on. */
  yesterday: string;
  patentNumbers: Set<string>;
  trademarkNumbers: Set<string>;
  copyrightNumbers: Set<string>;
  /** Memos: the days of a span, the weights of a range of years. */
  spans: Map<string, string[]>;
  risingYears: Map<string, (readonly [number, number])[]>;
  /** A due date before this one has its grace period over by today. */
  graceOverBefore: string;
}

/** Enterprises with their patents, trademarks and copyrights. */
export type RegistryChunk = Omit<DemoData, 'deposits'>;

/**
 * The demo's data: the registry in chunks of `chunk` enterprises (so that it can be written while
 * the rest is drawn), then the deposits.
 */
export function* generate(enterpriseCount: number, seed: number, today: string, chunk = 10_000): Generator<RegistryChunk, DemoData['deposits']> {
  const ctx: Context = {
    rng: new Random(seed),
    today,
    yesterday: addDays(today, -1),
    patentNumbers: new Set(),
    trademarkNumbers: new Set(),
    copyrightNumbers: new Set(),
    spans: new Map(),
    risingYears: new Map(),
    graceOverBefore: earliestDueInGrace(today),
  };
  const { rng } = ctx;
  const REGION_WEIGHTS = REGIONS.map((r) => [r, r.weight] as const);
  const INDUSTRY_WEIGHTS = INDUSTRIES.map((x) => [x, x.weight] as const);
  const names = new Set<string>([DEMO_ENTERPRISE_NAME]);
  const codes = new Set<string>();
  const everyEnterprise: EnterpriseRecord[] = [];
  let data: RegistryChunk = { enterprises: [], patents: [], trademarks: [], copyrights: [] };
  const brandOf = new Map<string, readonly [string, string]>();
  const industryOf = new Map<string, Industry>();

  for (let i = 0; i < enterpriseCount; i++) {
    if (data.enterprises.length === chunk) {
      yield data;
      data = { enterprises: [], patents: [], trademarks: [], copyrights: [] };
    }
    const demo = i === 0;
    const region = demo ? REGIONS[0]! : rng.weighted(REGION_WEIGHTS);
    const industry = demo ? INDUSTRIES[0]! : rng.weighted(INDUSTRY_WEIGHTS);
    let brand: readonly [string, string] = BRANDS[0]!;
    let name = DEMO_ENTERPRISE_NAME;
    if (!demo) {
      for (let attempt = 0; ; attempt++) {
        brand = rng.pick(BRANDS);
        const suffix = rng.pick(industry.suffixes);
        const form = rng.float();
        name =
          form < 0.12 ? `${brand[0]}${suffix}（${region.prefix}）有限公司`
          : form < 0.22 ? `${region.prefix}${brand[0]}${suffix}股份有限公司`
          : `${region.prefix}${brand[0]}${suffix}有限公司`;
        if (!names.has(name)) break;
        if (attempt > 50) {
          name = `${region.prefix}${brand[0]}${rng.pick(BRANDS)[0]}${suffix}有限公司`;
          if (!names.has(name)) break;
        }
      }
    }
    names.add(name);

    let uscc: string;
    do {
      // Authority 9 (market regulation), type 1 (company); newer organisation codes begin 'MA'.
      const body = rng.chance(0.6)
        ? `MA${Array.from({ length: 6 }, () => CHARSET.charAt(rng.int(0, CHARSET.length - 1))).join('')}`
        : Array.from({ length: 8 }, () => String(rng.int(0, 9))).join('');
      const first17 = `91${region.code}${organisationCode(body)}`;
      uscc = first17 + usccCheckCharacter(first17)!;
    } while (codes.has(uscc));
    codes.add(uscc);

    const filingStatus: FilingStatus = demo ? 'FILED' : rng.weighted([['FILED', 92], ['SUSPENDED', 5], ['WITHDRAWN', 3]] as const);
    const registeredOn = randomDate(ctx, '2018-01-01', minDate('2025-12-31', ctx.yesterday));
    const registeredAt = `${registeredOn}T${String(rng.int(0, 9)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z`;
    const enterprise: EnterpriseRecord = {
      id: rng.uuid(),
      uscc,
      name,
      regionCode: region.code,
      industry: industry.name,
      filingStatus,
      registeredAt,
      creditCodeOverride: null,
    };
    data.enterprises.push(enterprise);
    everyEnterprise.push(enterprise);
    brandOf.set(enterprise.id, brand);
    const titles = new Set<string>();
    industryOf.set(enterprise.id, industry);

    if (demo) {
      // The demo enterprise shows every warning the monitoring has.
      for (const scenario of ['normal', 'normal', 'normal', 'dueSoon', 'dueSoon', 'grace', 'lapsed', 'pending', 'expired'] as const) {
        data.patents.push(patent(ctx, enterprise.id, industry, brand, scenario, titles));
      }
      data.trademarks.push(trademark(ctx, enterprise.id, industry, brand, addYears(addDays(today, 60), -10)));
      data.trademarks.push(trademark(ctx, enterprise.id, industry, brand));
      data.copyrights.push(copyright(ctx, enterprise.id, industry, brand, '智能仓储管理系统V2.0'));
      data.copyrights.push(copyright(ctx, enterprise.id, industry, brand));
      continue;
    }

    const patents = rng.count(2.8 * industry.patents, 24); // about 3 on average
    for (let k = 0; k < patents; k++) {
      const roll = rng.float();
      const scenario = roll < 0.09 ? 'dueSoon' : roll < 0.15 ? 'grace' : 'normal';
      data.patents.push(patent(ctx, enterprise.id, industry, brand, scenario, titles));
    }
    const trademarks = rng.weighted([[0, 30], [1, 45], [2, 18], [3, 7]] as const);
    for (let k = 0; k < trademarks; k++) {
      const expiringSoon = rng.chance(0.06) ? addYears(addDays(today, rng.int(1, 180)), -10) : undefined;
      data.trademarks.push(trademark(ctx, enterprise.id, industry, brand, expiringSoon));
    }
    const copyrights = rng.weighted([[0, 30], [1, 45], [2, 18], [3, 7]] as const);
    for (let k = 0; k < copyrights; k++) data.copyrights.push(copyright(ctx, enterprise.id, industry, brand));
  }

  yield data;

  // Evidence: about 5 deposits for every 6 enterprises, a dozen of them by the demo enterprise.
  const depositors = everyEnterprise.filter((e) => e.filingStatus === 'FILED');
  const count = Math.max(1, Math.round((enterpriseCount * 5) / 6));
  const deposits: DemoData['deposits'] = [];
  for (let i = 0; i < count; i++) {
    const depositor = i < 12 ? everyEnterprise[0]! : rng.pick(depositors);
    const category = rng.weighted(EVIDENCE_MIX);
    deposits.push({
      id: rng.uuid(),
      depositorId: depositor.id,
      title: evidenceTitle(ctx, category, brandOf.get(depositor.id)!, industryOf.get(depositor.id)!),
      category,
      contentDigest: createHash('sha256').update(demoEvidenceContent(i)).digest('hex'),
    });
  }
  return deposits;
}

/** A random day from..to; the days of each span are listed once (dates are strings to compute). */
function randomDate(ctx: Context, from: string, to: string): string {
  const key = `${from} ${to}`;
  let days = ctx.spans.get(key);
  if (days === undefined) {
    days = Array.from({ length: Math.max(0, daysBetween(from, to)) + 1 }, (_, i) => addDays(from, i));
    ctx.spans.set(key, days);
  }
  return ctx.rng.pick(days);
}

/** A year in from..to, later years likelier (filings have grown year on year). */
function risingYear(ctx: Context, from: number, to: number): number {
  const key = `${from} ${to}`;
  let years = ctx.risingYears.get(key);
  if (years === undefined) {
    years = Array.from({ length: to - from + 1 }, (_, i) => [from + i, 1 + i * 0.35] as const);
    ctx.risingYears.set(key, years);
  }
  return ctx.rng.weighted(years);
}

/** A random day in `year`, never after yesterday. */
function dateIn(ctx: Context, year: number): string {
  return randomDate(ctx, `${year}-01-01`, minDate(`${year}-12-31`, ctx.yesterday));
}

type Scenario = 'normal' | 'dueSoon' | 'grace' | 'lapsed' | 'pending' | 'expired';
type NumberType = PatentType | 'PCT_INVENTION' | 'PCT_UTILITY_MODEL';

function patent(ctx: Context, enterpriseId: string, industry: Industry, brand: readonly [string, string], scenario: Scenario, titles: Set<string>): PatentRecord {
  const { rng } = ctx;
  let type: PatentType = rng.weighted([['INVENTION', industry.mix[0]], ['UTILITY_MODEL', industry.mix[1]], ['DESIGN', industry.mix[2]]] as const);
  if (scenario === 'pending') type = 'INVENTION';
  if (scenario === 'expired') type = 'UTILITY_MODEL';
  const numberType: NumberType =
    type === 'INVENTION' && rng.chance(0.05) ? 'PCT_INVENTION' : type === 'UTILITY_MODEL' && rng.chance(0.02) ? 'PCT_UTILITY_MODEL' : type;

  const { title, ipcClass } = patentTitle(ctx, type, industry, brand, titles);
  const base = { enterpriseId, type, pct: numberType.startsWith('PCT_'), title, ipcClass };
  const lastYear = Math.min(2025, yearOf(ctx.yesterday));

  if (scenario === 'dueSoon' || scenario === 'grace') {
    const made = feeScenario(ctx, type, numberType, scenario);
    if (made !== undefined) return { ...base, ...made };
  }

  let filingDate: string;
  if (scenario === 'pending') filingDate = addDays(ctx.today, -rng.int(30, 330));
  else if (scenario === 'lapsed') filingDate = dateIn(ctx, rng.int(2010, yearOf(ctx.today) - 6));
  else if (scenario === 'expired') filingDate = dateIn(ctx, rng.int(2008, Math.min(lastYear, yearOf(ctx.today) - 11)));
  else filingDate = dateIn(ctx, risingYear(ctx, 2008, lastYear));
  const applicationNumber = newPatentNumber(ctx, numberType, yearOf(filingDate));
  const due = annualFeeDueDates(type, filingDate);
  const past = due.filter((d) => d <= ctx.today);
  // Paid through the last due date so far; most holders (and every pending application, which
  // owes nothing before grant) have paid a fee falling due within the next 90 days already.
  const nextDue = due[past.length];
  const paidAhead = nextDue !== undefined && daysBetween(ctx.today, nextDue) <= 90 && rng.chance(0.75);
  const lastPaid = past[past.length - 1] ?? null;
  const grantDate = addDays(filingDate, grantDelayDays(rng, type));
  const termEnded = protectionEnd(type, filingDate) <= ctx.today;

  if (grantDate > ctx.yesterday && !termEnded) {
    // Still under examination. Annual fees start at grant in practice; the model counts them from
    // filing, so a pending application is recorded as owing nothing yet.
    const paid = nextDue !== undefined && daysBetween(ctx.today, nextDue) <= 90 ? nextDue : lastPaid;
    return { ...base, applicationNumber, status: 'PENDING', filingDate, grantDate: null, feesPaidThrough: paid };
  }
  // Missed a due date more than six months ago, after grant: lapsed from that due date.
  const missable = due.filter((d) => d > grantDate && d < ctx.graceOverBefore);
  const granted = { ...base, applicationNumber, filingDate, grantDate };
  const roll = rng.float();
  if ((scenario === 'lapsed' || (scenario === 'normal' && (termEnded ? roll < 0.3 : roll < 0.07))) && missable.length > 0) {
    const missed = rng.pick(missable);
    return { ...granted, status: 'LAPSED', feesPaidThrough: due[due.indexOf(missed) - 1] ?? null };
  }
  if (termEnded) return { ...granted, status: 'EXPIRED', feesPaidThrough: due[due.length - 1] ?? null };
  if (scenario === 'normal' && roll > 0.97) {
    const paid = past.filter((d) => d >= grantDate);
    return { ...granted, status: 'INVALIDATED', feesPaidThrough: paid.length > 0 ? rng.pick(paid) : lastPaid };
  }
  return { ...granted, status: 'GRANTED', feesPaidThrough: paidAhead ? nextDue : lastPaid };
}

/**
 * A granted patent whose next annual fee falls due within 90 days (dueSoon), or fell due within
 * the last six months and is unpaid (grace); undefined when the type's term cannot fit one.
 */
function feeScenario(ctx: Context, type: PatentType, numberType: NumberType, scenario: 'dueSoon' | 'grace'): Omit<PatentRecord, 'enterpriseId' | 'type' | 'pct' | 'title' | 'ipcClass'> | undefined {
  const { rng, today } = ctx;
  const dueOn = scenario === 'dueSoon' ? addDays(today, rng.int(1, 89)) : addDays(today, -rng.int(1, 170));
  // The patent must be old enough to be granted, and young enough to owe fees on dueOn.
  const term = type === 'DESIGN' ? 10 : protectionTermYears(type, dueOn); // designs: 15 only if filed since 2021-06
  const lo = Math.max(2008, yearOf(dueOn) - (term - 1));
  const hi = Math.min(2025, yearOf(dueOn) - (type === 'INVENTION' ? 4 : 2));
  if (lo > hi) return undefined;
  const filingDate = inYear(dueOn, rng.int(lo, hi));
  const due = annualFeeDueDates(type, filingDate);
  const index = due.indexOf(dueOn);
  const grantDate = addDays(filingDate, grantDelayDays(rng, type));
  if (index < 0 || grantDate > ctx.yesterday) return undefined;
  const record = {
    applicationNumber: newPatentNumber(ctx, numberType, yearOf(filingDate)),
    status: 'GRANTED' as PatentStatus,
    filingDate,
    grantDate,
    feesPaidThrough: due[index - 1] ?? null,
  };
  const state = annualFeeStatus(filingDate, type, record.feesPaidThrough, today).state;
  return state === (scenario === 'dueSoon' ? 'DUE_SOON' : 'GRACE') ? record : undefined;
}

function grantDelayDays(rng: Random, type: PatentType): number {
  // Typical CNIPA pendency: inventions 1.5 to 3.5 years, utility models and designs months.
  return type === 'INVENTION' ? rng.int(540, 1260) : type === 'UTILITY_MODEL' ? rng.int(150, 420) : rng.int(90, 300);
}

const TYPE_DIGIT: Readonly<Record<NumberType, string>> = { INVENTION: '1', UTILITY_MODEL: '2', DESIGN: '3', PCT_INVENTION: '8', PCT_UTILITY_MODEL: '9' };

function newPatentNumber(ctx: Context, numberType: NumberType, year: number): string {
  for (;;) {
    // Serials run in the low millions within a year and type.
    const digits = `${year}${TYPE_DIGIT[numberType]}${String(ctx.rng.int(1, 2_999_999)).padStart(7, '0')}`;
    const canonical = `${digits}.${patentCheckDigit(digits)!}`;
    if (!ctx.patentNumbers.has(canonical)) {
      ctx.patentNumbers.add(canonical);
      return canonical;
    }
  }
}

/** A title, preferably one the enterprise has not used yet (`titles`: its titles so far). */
function patentTitle(ctx: Context, type: PatentType, industry: Industry, brand: readonly [string, string], titles: Set<string>): { title: string; ipcClass: string | null } {
  for (let attempt = 0; ; attempt++) {
    const made = anyPatentTitle(ctx, type, industry, brand);
    const key = made.title.replace(/（.*）$/, '').replace(/(方法).*$/, '$1');
    if (!titles.has(key) || attempt >= 6) {
      titles.add(key);
      return made;
    }
  }
}

function anyPatentTitle(ctx: Context, type: PatentType, industry: Industry, brand: readonly [string, string]): { title: string; ipcClass: string | null } {
  const { rng } = ctx;
  if (type === 'DESIGN') {
    // Designs are classified by Locarno, not IPC: no IPC class.
    const model = rng.chance(0.2) ? `${brand[1].charAt(0)}${rng.int(1, 9)}` : rng.pick(DESIGN_MODELS);
    return { title: `${rng.pick(industry.designs)}（${model}）`, ipcClass: null };
  }
  const [title, ipcClass] = rng.pick(type === 'INVENTION' ? industry.inventions : industry.utilityModels);
  const variant = type === 'INVENTION' && title.endsWith('方法') ? rng.pick(METHOD_VARIANTS) : '';
  return { title: title + variant, ipcClass };
}

// Trademark registration numbers grow with the year; roughly the first number issued in each.
const TRADEMARK_NUMBER_FROM: Readonly<Record<number, number>> = {
  2010: 6_500_000, 2011: 8_200_000, 2012: 9_800_000, 2013: 11_000_000, 2014: 12_300_000, 2015: 14_100_000,
  2016: 16_500_000, 2017: 19_500_000, 2018: 24_800_000, 2019: 31_500_000, 2020: 39_000_000, 2021: 46_000_000,
  2022: 55_000_000, 2023: 63_000_000, 2024: 70_000_000, 2025: 76_500_000, 2026: 82_000_000,
};

function trademark(ctx: Context, enterpriseId: string, industry: Industry, brand: readonly [string, string], registrationDate?: string): TrademarkRecord {
  const { rng } = ctx;
  const date = registrationDate ?? dateIn(ctx, risingYear(ctx, 2010, Math.min(2025, yearOf(ctx.yesterday))));
  const year = yearOf(date);
  const from = TRADEMARK_NUMBER_FROM[year] ?? 6_500_000;
  const to = TRADEMARK_NUMBER_FROM[year + 1] ?? from + 6_000_000;
  let registrationNumber: string;
  do registrationNumber = String(rng.int(from, to - 1));
  while (ctx.trademarkNumbers.has(registrationNumber));
  ctx.trademarkNumbers.add(registrationNumber);
  const mark = rng.weighted([[brand[0], 5], [brand[1], 2], [`${brand[0]} ${brand[1]}`, 2], [`${brand[0]}${rng.pick(['优选', '智造', '云', '小' + brand[0].charAt(1), '+'])}`, 1]] as const);
  const niceClass = rng.chance(0.85) ? rng.pick(industry.niceClasses) : rng.int(1, 45);
  return { registrationNumber, enterpriseId, mark, niceClass, registrationDate: date, expiryDate: addYears(date, 10) };
}

function copyright(ctx: Context, enterpriseId: string, industry: Industry, brand: readonly [string, string], softwareTitle?: string): CopyrightRecord {
  const { rng } = ctx;
  const registeredOn = dateIn(ctx, risingYear(ctx, 2012, Math.min(2025, yearOf(ctx.yesterday))));
  const year = yearOf(registeredOn);
  const kind = softwareTitle !== undefined || rng.chance(0.85) ? 'SOFTWARE' : 'WORK';
  let registrationNumber: string;
  do {
    registrationNumber =
      kind === 'SOFTWARE'
        ? `${year}SR${String(rng.int(1, 1_999_999)).padStart(7, '0')}`
        : `国作登字-${year}-F-${String(rng.int(1, 9_999_999)).padStart(8, '0')}`;
  } while (ctx.copyrightNumbers.has(registrationNumber));
  ctx.copyrightNumbers.add(registrationNumber);
  const title =
    kind === 'SOFTWARE'
      ? `${brand[0]}${softwareTitle ?? `${rng.pick(industry.software)}V${rng.int(1, 5)}.${rng.int(0, 9)}`}`
      : rng.pick([`${brand[0]}品牌标识`, `${brand[0]}吉祥物形象`, `${brand[0]}${rng.pick(industry.designs)}包装图案`]);
  return { registrationNumber, enterpriseId, title, kind, registeredOn };
}

const EVIDENCE_MIX: readonly (readonly [EvidenceCategory, number])[] = [
  ['CONTRACT', 15], ['DOCUMENT', 15], ['PRODUCT_PHOTO', 12], ['DESIGN_DRAWING', 10], ['SOURCE_CODE', 12],
  ['WEB_PAGE', 16], ['AUDIO_VIDEO', 6], ['DATA_SET', 8], ['OTHER', 6],
];

function evidenceTitle(ctx: Context, category: EvidenceCategory, brand: readonly [string, string], industry: Industry): string {
  const { rng } = ctx;
  const product = rng.pick(industry.designs);
  const software = rng.pick(industry.software);
  const n = rng.int(1, 99);
  const day = randomDate(ctx, '2023-01-01', ctx.yesterday);
  switch (category) {
    case 'CONTRACT':
      return rng.pick([`技术开发合同（${brand[0]}-${day.slice(0, 4)}-${String(n).padStart(3, '0')}）`, `专利实施许可合同（${product}）`, `商标使用许可合同（${brand[0]}）`, `${software}委托开发合同`]);
    case 'DOCUMENT':
      return rng.pick([`${software}研发记录（第${n}册）`, `${product}技术交底书`, `新产品立项报告（${day}）`, `${brand[0]}商标使用证据汇编`]);
    case 'PRODUCT_PHOTO':
      return rng.pick([`${product}产品外观照片（${n}张）`, `${brand[0]}${product}包装及标识照片`, `展会展出的${product}实物照片`]);
    case 'DESIGN_DRAWING':
      return rng.pick([`${product}外观设计图纸V${rng.int(1, 4)}`, `${product}结构设计图（${day}）`]);
    case 'SOURCE_CODE':
      return `${brand[0]}${software}源代码快照 V${rng.int(1, 5)}.${rng.int(0, 9)}.${rng.int(0, 20)}`;
    case 'WEB_PAGE':
      return rng.pick([`电商平台疑似侵权${product}商品页面截图（${day}）`, `第三方网站擅自使用“${brand[0]}”商标网页取证`, `${product}侵权链接公证取证记录（${day}）`]);
    case 'AUDIO_VIDEO':
      return rng.pick([`${day}展会现场录像`, `侵权产品购买过程录像（${day}）`, `${product}生产过程视频`]);
    case 'DATA_SET':
      return rng.pick([`${software}运行日志数据集（${day}）`, `${product}测试数据集V${rng.int(1, 3)}`, `${brand[0]}客户订单数据摘要（${day.slice(0, 7)}）`]);
    case 'OTHER':
      return rng.pick([`${brand[0]}品牌宣传册`, `${product}销售发票扫描件（${day}）`, `行业展会参展证明`]);
  }
}
