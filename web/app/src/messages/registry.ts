// The words of the enterprise registry.
export const REGISTRY = {} as const;
