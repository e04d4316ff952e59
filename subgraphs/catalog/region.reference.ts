import { getRegion } from '../../schema/regions.js';
import { Region } from './region.type.js';

/** Regions are public reference data; every node knows the whole division table. */
export const regionReference = {
  Region: {
    __resolveReference(ref: { code: string }): Region | null {
      const info = getRegion(ref.code);
      return info ? Region.from(info) : null;
    },
  },
};
