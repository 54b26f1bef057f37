"""Staff and partner accounts, organisations, teams and sign-in."""
