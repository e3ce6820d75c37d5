// The words of protection cases, their routes and states.
export const PROTECTION = {} as const;
