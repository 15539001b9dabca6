import { ConstructsPackage } from './projenrc/packages/constructs';
import { CorePackage } from './projenrc/packages/core';
import { GuardrailsPackage } from './projenrc/packages/guardrails';
import { ProtonBundlerPackage } from './projenrc/packages/proton-bundler';
import { RuntimesPackage } from './projenrc/packages/runtimes';
import { AadWorkspace } from './projenrc/workspace';

// Wiring only: one line per package, in dependency order. Classes live in projenrc/.
const workspace = new AadWorkspace();
const core = new CorePackage(workspace);
const runtimes = new RuntimesPackage(workspace, core);
const constructs = new ConstructsPackage(workspace, core, runtimes);
new ProtonBundlerPackage(workspace, constructs);
new GuardrailsPackage(workspace, core);

workspace.synth();
