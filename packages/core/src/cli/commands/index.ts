import { configCommand } from './config';
import { demoCommand } from './demo';
import { Command } from '../command';

/** Every `aad` command, in the order `aad --help` lists them. Add one line per new command. */
export const COMMANDS: readonly Command[] = [demoCommand, configCommand];
