/**
 * The first two digits of a GB/T 2260 region code: the provinces, autonomous regions and
 * municipalities, Taiwan, Hong Kong and Macao. Both a credit code (GB 32100, characters 3-8) and a
 * citizen ID number (GB 11643, characters 1-6) begin their region part with one of these.
 */
const PROVINCES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export const isProvinceCode = (twoDigits: string): boolean => PROVINCES.has(twoDigits);
