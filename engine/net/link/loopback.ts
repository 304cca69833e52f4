// Mirrors drivers/net/loopback.c: every frame sent on lo is received on lo again.
import type { SoftIRQ } from '../softirq.js';
import { NetDevice, type Frame } from './device.js';

export class Loopback extends NetDevice {
  readonly kind = 'loopback' as const;

  constructor(private readonly softirq: SoftIRQ) {
    super('lo', '00:00:00:00:00:00');
    this.mtu = 65536;
    this.addAddress('127.0.0.1/8');
  }

  reaches(): boolean {
    return true;
  }

  transmit(frame: Frame): boolean {
    this.countTx(frame.packet);
    this.softirq.raise(() => this.deliver(frame));
    return true;
  }
}
