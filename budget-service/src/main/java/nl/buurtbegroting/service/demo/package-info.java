/**
 * Demo mode: on start, a real participatory-budgeting election (Assen 2024, from pabulib.org) is
 * imported and opened, a demo organiser gets a random one-time password, and the console says where
 * the API and its documentation are and what to try.
 */
package nl.buurtbegroting.service.demo;
