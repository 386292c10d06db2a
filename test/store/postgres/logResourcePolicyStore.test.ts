import { needsPg, pgSuiteOpener } from '../../helpers/pg.js';
import { logResourcePolicyStoreSuite } from '../logResourcePolicyStore.suite.js';

logResourcePolicyStoreSuite('PgStore', pgSuiteOpener('logresourcepolicystore'), { skip: needsPg });
