/**
 * The ribbon's function file (manifest FunctionFile). Both ribbon buttons open the task pane
 * (ShowTaskpane), so no function is registered; the page only has to initialise office.js, as Office
 * requires of a function file.
 */
if (typeof Office !== 'undefined') void Office.onReady();
