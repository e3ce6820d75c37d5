// Administrative division codes (行政区划代码), GB/T 2260: six digits, province (2), city (2),
// county (2). Issue 13 resolves them to names; here only the form is checked.

export function isRegionCode(value: string): boolean {
  return /^\d{6}$/.test(value);
}
