import type { Command } from '../command';
import { demoCommand, experimentsAddCommand, experimentsListCommand } from './experiments';
import { infoCommand } from './info';
import { serveCommand } from './serve';
import { stackAddCommand, stackListCommand, stackParseCommand } from './stacks';

/** Every `driverlab` command; later domains add theirs here. */
export const COMMANDS: readonly Command[] = [serveCommand, infoCommand, experimentsListCommand, experimentsAddCommand, demoCommand, stackParseCommand, stackAddCommand, stackListCommand];
