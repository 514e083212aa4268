#!/usr/bin/env node
import { ignoreClosedPipes } from './closed-pipe.js';
import { runCli } from './program.js';

ignoreClosedPipes(process.stdout, process.stderr);
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
