import { configCommand } from './config';
import { demoCommand } from './demo';
import { detectCommand } from './detect';
import { evalCommand } from './eval';
import { extractCommand } from './extract';
import { generateCommand } from './generate';
import { profileCommand } from './profile';
import { trainNerCommand } from './train-ner';
import { Command } from '../command';

/** Every `aad` command, in the order `aad --help` lists them. Add one line per new command. */
export const COMMANDS: readonly Command[] = [
  demoCommand,
  configCommand,
  extractCommand,
  detectCommand,
  profileCommand,
  generateCommand,
  evalCommand,
  trainNerCommand,
];
