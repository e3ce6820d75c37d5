// The words of the cockpit's panels.
export const COCKPIT = {} as const;
