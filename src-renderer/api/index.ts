import type { Transport } from '../../src-main/contract';

let current: Transport | null = null;

/** Set once by main.ts with the transport the page found (component tests set a fake one). */
export function setTransport(transport: Transport): void {
  current = transport;
}

export function api(): Transport {
  if (!current) throw new Error('No DriverLab transport has been set up');
  return current;
}
