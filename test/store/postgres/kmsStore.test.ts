import { needsPg, pgSuiteOpener } from '../../helpers/pg.js';
import { kmsStoreSuite } from '../kmsStore.suite.js';

kmsStoreSuite('PgStore', pgSuiteOpener('kmsstore'), { skip: needsPg });
