import { needsPg, pgSuiteOpener } from '../../helpers/pg.js';
import { anomalyStoreSuite } from '../anomalyStore.suite.js';

anomalyStoreSuite('PgStore', pgSuiteOpener('anomalystore'), { skip: needsPg });
