import { needsPg, pgSuiteOpener } from '../../helpers/pg.js';
import { insightsStoreSuite } from '../insightsStore.suite.js';

insightsStoreSuite('PgStore', pgSuiteOpener('insightsstore'), { skip: needsPg });
