/**
 * globalState key: the example job to open once the window has reopened on the examples' folder. Apart
 * from the command's module so activation can look at it without loading that module.
 */
export const OPEN_AFTER_RELOAD_KEY = 'sfjob.walkthrough.openAfterReload';
