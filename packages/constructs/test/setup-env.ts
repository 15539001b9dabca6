// Unit tests synthesize many small apps: skip CDK's built-in CloudFormation
// validation (a WASM engine, seconds per synthesis). The full-synth tests of
// main.test.ts turn it back on.
process.env.CDK_VALIDATION = 'false';
