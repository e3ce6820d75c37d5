// The words of IP pledges.
export const PLEDGES = {} as const;
