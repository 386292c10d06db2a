import { needsPg, pgSuiteOpener } from '../../helpers/pg.js';
import { iamStoreSuite } from '../iamStore.suite.js';

iamStoreSuite('PgStore', pgSuiteOpener('iamstore'), { skip: needsPg });
