import type { Command } from '../command';
import { demoCommand, experimentsAddCommand, experimentsListCommand } from './experiments';
import { infoCommand } from './info';
import { dumpCommand } from './dumps';
import { serveCommand } from './serve';
import { driversListCommand, importCommand, peCommand } from './drivers';
import { stackAddCommand, stackListCommand, stackParseCommand } from './stacks';

/** Every `driverlab` command; later domains add theirs here. */
export const COMMANDS: readonly Command[] = [serveCommand, infoCommand, experimentsListCommand, experimentsAddCommand, demoCommand, peCommand, importCommand, driversListCommand, stackParseCommand, stackAddCommand, stackListCommand, dumpCommand];
