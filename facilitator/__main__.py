from facilitator.cli.main import main

raise SystemExit(main())
