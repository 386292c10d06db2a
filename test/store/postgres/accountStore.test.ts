import { needsPg, pgSuiteOpener } from '../../helpers/pg.js';
import { accountStoreSuite } from '../accountStore.suite.js';

accountStoreSuite('PgStore', pgSuiteOpener('accountstore'), { skip: needsPg });
