/**
 * The resident pages' common parts: language (Dutch first, English by choice), message bundles, the
 * municipality's theme, the page layout's model, rendering of jte templates, and the security headers every
 * answer of the service carries. The pages themselves live beside the services they call.
 */
package nl.buurtbegroting.service.web;
