/**
 * Runs before every test file: no test may reach AWS. Credentials are fake,
 * the region is fixed, and every SDK endpoint points at a closed loopback
 * port unless a test overrides it (dynalite) or mocks the client.
 */
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTTESTTESTTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-not-real';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
// Node 20 is the workspace floor; the SDK's "Node 22 soon" notice is noise in every suite.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
