// A copyright registration number as issued and stored: without spaces, in capitals, full-width
// dashes as ASCII (2024SR0123456, 国作登字-2024-H-00012345). Its form per kind is checked where
// copyrights are registered (subgraphs/enterprises/domain/copyright.ts); this is only the key.
export const canonicalCopyrightNumber = (input: string): string => input.replace(/\s+/g, '').toUpperCase().replace(/－|—/g, '-');
