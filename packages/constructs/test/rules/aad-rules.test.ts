// One jest suite for the AAD rule pack (one module load instead of eight):
// each rule keeps its own file of compliant and non-compliant cases.
import './aad-checks.cases';
import './async-function-has-dead-letter.cases';
import './customer-managed-key-encryption.cases';
import './iam-sensitive-action-on-wildcard.cases';
import './iam-wildcard-resource-allowlist.cases';
import './lambda-inside-vpc.cases';
import './queue-has-dead-letter-queue.cases';
import './required-tags.cases';
