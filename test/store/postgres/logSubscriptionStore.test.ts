import { needsPg, pgSuiteOpener } from '../../helpers/pg.js';
import { logSubscriptionStoreSuite } from '../logSubscriptionStore.suite.js';

logSubscriptionStoreSuite('PgStore', pgSuiteOpener('logsubscriptionstore'), { skip: needsPg });
