// The words of changing one's own password, and the staff's account management.
export const ACCOUNT = {} as const;
