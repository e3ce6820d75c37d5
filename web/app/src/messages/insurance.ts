// The words of insurance policies and claims.
export const INSURANCE = {} as const;
