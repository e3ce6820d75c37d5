// Copyright registration numbers as the Copyright Protection Center of China issues them: software
// 2024SR0123456, other works 国作登字-2024-F-00012345 (the letter names the kind of work). Pure.

const SOFTWARE = /^(\d{4})SR\d{7}$/;
const WORK = /^国作登字-(\d{4})-[A-Z]-\d{8}$/;

/** The number in canonical form and the year it was issued in, or what is wrong with it. */
export function copyrightNumber(kind: string, input: string): { ok: true; value: string; year: number } | { ok: false; message: string } {
  const software = kind === 'SOFTWARE';
  const value = software ? input.replace(/\s+/g, '').toUpperCase() : input.replace(/\s+/g, '');
  const match = (software ? SOFTWARE : WORK).exec(value);
  if (match === null) {
    const example = software ? '2024SR0123456' : '国作登字-2024-F-00012345';
    return { ok: false, message: `a ${software ? 'software' : 'work'} registration number looks like ${example}; got '${input}'` };
  }
  return { ok: true, value, year: Number(match[1]) };
}
