#!/usr/bin/env node
// Thin shim so the bin exists before the first build; the CLI itself is compiled TypeScript.
import { main } from '../dist/main.js';
main(process.argv).then((code) => { process.exitCode = code; });
