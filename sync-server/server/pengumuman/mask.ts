/**
 * The public page shows who moved where, but not the full NIP (it encodes the birth date and the
 * start of service): the first 4 and last 4 digits stay so a person can still recognise their own.
 */
export function maskNip(nip: string): string {
  if (nip.length <= 8) return '*'.repeat(nip.length);
  return nip.slice(0, 4) + '*'.repeat(nip.length - 8) + nip.slice(-4);
}
