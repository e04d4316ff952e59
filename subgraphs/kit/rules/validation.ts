/** Empty, or only white space: a required text that was not really given. */
export const blank = (s: string | null | undefined): boolean => !s?.trim();
