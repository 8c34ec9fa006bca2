"""AI opponents and the advisor: bots that play from each actor's scenario objectives."""
