import { needsPg, pgSuiteOpener } from '../../helpers/pg.js';
import { logPolicyStoreSuite } from '../logPolicyStore.suite.js';

logPolicyStoreSuite('PgStore', pgSuiteOpener('logpolicystore'), { skip: needsPg });
