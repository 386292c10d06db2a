import { needsPg, pgSuiteOpener } from '../../helpers/pg.js';
import { logStoreSuite } from '../logStore.suite.js';

logStoreSuite('PgStore', pgSuiteOpener('logstore'), { skip: needsPg });
