// Administrative division codes (行政区划代码), GB/T 2260: six digits, province (2), city (2),
// county (2), and their names as the Ministry of Civil Affairs publishes them (the table the
// china-area-data package carries: 34 provinces, their cities and counties).
import divisions from 'china-area-data/data.json' with { type: 'json' };

export function isRegionCode(value: string): boolean {
  return /^\d{6}$/.test(value);
}

export interface RegionNames {
  readonly code: string;
  readonly province: string;
  /** The prefecture-level city; a municipality's own name for its districts; null for a province, or a county the province governs directly. */
  readonly city: string | null;
  /** The county-level division; null for a province or a city as a whole. */
  readonly county: string | null;
}

const TABLE = divisions as Readonly<Record<string, Readonly<Record<string, string>> | undefined>>;
/** City-level entries that are groupings, not cities: a municipality's districts and counties, a province's directly governed counties. */
const MUNICIPAL = new Set(['市辖区', '县']);
const DIRECTLY_GOVERNED = new Set(['省直辖县级行政区划', '自治区直辖县级行政区划']);

/** The names a code stands for, or undefined when it is not a code in the table. */
export function regionNames(code: string): RegionNames | undefined {
  if (!isRegionCode(code)) return undefined;
  const provinceCode = `${code.slice(0, 2)}0000`;
  const province = TABLE['86']?.[provinceCode];
  if (province === undefined) return undefined;
  if (code === provinceCode) return { code, province, city: null, county: null };
  const cityCode = `${code.slice(0, 4)}00`;
  const grouping = TABLE[provinceCode]?.[cityCode];
  if (grouping === undefined) return undefined;
  const city = MUNICIPAL.has(grouping) ? province : DIRECTLY_GOVERNED.has(grouping) ? null : grouping;
  if (code === cityCode) return city === null ? undefined : { code, province, city, county: null };
  const county = TABLE[cityCode]?.[code];
  return county === undefined ? undefined : { code, province, city, county };
}
