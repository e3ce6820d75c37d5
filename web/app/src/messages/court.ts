// The words of the court's referred cases.
export const COURT = {} as const;
