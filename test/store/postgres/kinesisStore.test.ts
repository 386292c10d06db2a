import { needsPg, pgSuiteOpener } from '../../helpers/pg.js';
import { kinesisStoreSuite } from '../kinesisStore.suite.js';

kinesisStoreSuite('PgStore', pgSuiteOpener('kinesisstore'), { skip: needsPg });
