import { configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default; on a loaded 2-core CI machine a render plus a debounce can take
// longer. Waiting longer costs nothing when the page is right and only delays a failure when it is wrong.
configure({ asyncUtilTimeout: 5_000 });
