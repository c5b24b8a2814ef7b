/**
 * Pabulib import and export: a draft election with its proposals is created from a {@code .pb} file
 * (the open data format of real participatory-budgeting elections, pabulib.org), and any election's
 * configuration can be downloaded as one. Parsing and writing are budget-core's; this package maps
 * the file's instance to the service's election and proposals and back.
 */
package nl.buurtbegroting.service.pabulib;
