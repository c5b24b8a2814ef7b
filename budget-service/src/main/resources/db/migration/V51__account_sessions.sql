-- Issue 11. Signing out ends every token an account was given until then (tokens issued at or before
-- tokens_after are refused); a disabled account can neither log in nor use a token it still holds.
CREATE TABLE account_session (
    username     VARCHAR(64) NOT NULL PRIMARY KEY,
    tokens_after TIMESTAMP WITH TIME ZONE NOT NULL,
    disabled     BOOLEAN DEFAULT FALSE NOT NULL
);
